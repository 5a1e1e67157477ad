package io.xmonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A compressed body gives back exactly what was compressed, and nothing else decodes. */
class CompressedBodyTest {

    @Test
    void anyDocumentComesBackByteForByte() {
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 3_000), integers().between(1, 40))
                .checkAssert((text, repeats) -> {
                    byte[] document = text.repeat(repeats).getBytes(StandardCharsets.UTF_8);
                    String body = CompressedBody.encode(document);
                    assertThat(body).matches("[A-Za-z0-9+/]*={0,2}");
                    assertThat(CompressedBody.decode(body)).hasValueSatisfying(decoded -> assertThat(decoded).isEqualTo(document));
                });
    }

    @Test
    void aBodyThatExpandsPastTheBoundIsRefusedWithoutExpandingIt() throws Exception {
        // 16 MiB and one byte of zeros: tens of kilobytes compressed.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(new byte[CompressedBody.MAX_DECODED_BYTES + 1]);
        }
        assertThat(out.size()).isLessThan(100_000);
        assertThat(CompressedBody.decode(Base64.getEncoder().encodeToString(out.toByteArray()))).isEmpty();
        assertThat(CompressedBody.decode(CompressedBody.encode(new byte[CompressedBody.MAX_DECODED_BYTES]))).isPresent();
    }

    @Test
    void whatIsNotBase64OfGzipDecodesToNothing() {
        assertThat(CompressedBody.decode("{\"version\":1}")).isEmpty();
        assertThat(CompressedBody.decode(Base64.getEncoder().encodeToString("{\"version\":1}".getBytes(StandardCharsets.UTF_8)))).isEmpty();
        String truncated = CompressedBody.encode("{\"version\":1,\"items\":[]}".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertThat(CompressedBody.decode(truncated.substring(0, truncated.length() / 2 / 4 * 4))).isEmpty();
    }
}
