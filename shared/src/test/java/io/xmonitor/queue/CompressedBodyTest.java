package io.xmonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.xmonitor.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A compressed body gives back exactly what was compressed; what is not base64 of gzip decodes to nothing. */
class CompressedBodyTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anyDocumentComesBackByteForByte() {
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 3_000), integers().between(1, 40))
                .checkAssert((text, repeats) -> {
                    byte[] document = text.repeat(repeats).getBytes(StandardCharsets.UTF_8);
                    String body = CompressedBody.encode(document);
                    assertThat(body).matches("[A-Za-z0-9+/]*={0,2}");
                    assertThat(CompressedBody.decode(ascii(body))).hasValueSatisfying(decoded -> assertThat(decoded).isEqualTo(document));
                });
    }

    @Test
    void onlyJsonLargerThanTheSettingIsCompressed() {
        byte[] json = "{\"items\":[]}".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertThat(CompressedBody.forQueue(json, json.length)).isEqualTo(new CompressedBody.QueueBody(new String(json, StandardCharsets.UTF_8), null));
        assertThat(CompressedBody.forQueue(json, 0).contentEncoding()).as("0: never").isNull();
        CompressedBody.QueueBody compressed = CompressedBody.forQueue(json, json.length - 1);
        assertThat(compressed.contentEncoding()).isEqualTo(CompressedBody.GZIP_BASE64);
        assertThat(CompressedBody.decode(ascii(compressed.text()))).hasValueSatisfying(decoded -> assertThat(decoded).isEqualTo(json));
    }

    @Test
    void aBodyThatExpandsPastTheLargestDocumentIsRefused() throws Exception {
        // 16 MiB and one byte of zeros: tens of kilobytes compressed.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(new byte[(int) Json.MAX_DOCUMENT_BYTES + 1]);
        }
        assertThat(out.size()).isLessThan(100_000);
        assertThat(CompressedBody.decode(Base64.getEncoder().encode(out.toByteArray()))).isEmpty();
        assertThat(CompressedBody.decode(ascii(CompressedBody.encode(new byte[(int) Json.MAX_DOCUMENT_BYTES])))).isPresent();
    }

    @Test
    void whatIsNotBase64OfGzipDecodesToNothing() {
        assertThat(CompressedBody.decode(ascii("{\"version\":1}"))).isEmpty();
        assertThat(CompressedBody.decode(Base64.getEncoder().encode(ascii("{\"version\":1}")))).isEmpty();
        String truncated = CompressedBody.encode(ascii("{\"version\":1,\"items\":[]}".repeat(100)));
        assertThat(CompressedBody.decode(ascii(truncated.substring(0, truncated.length() / 2 / 4 * 4)))).isEmpty();
    }
}
