package io.xmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The feed's idea of a trigram is pg_trgm's: the same set as {@code show_trgm} for any ASCII text. */
class TrigramsTest {

    private static final String ALPHABET = "aAbBzZ09 -_.%/\\'\t";

    @Test
    void sameTrigramsAsShowTrgm() throws Exception {
        try (HikariDataSource dataSource = TestEnvironment.get().freshDatabase().open();
             Connection connection = dataSource.getConnection();
             PreparedStatement showTrgm = connection.prepareStatement("SELECT show_trgm(?)")) {
            qt().withExamples(500).forAll(strings().betweenCodePoints(0, ALPHABET.length() - 1).ofLengthBetween(0, 30)
                    .map(s -> s.codePoints().mapToObj(c -> String.valueOf(ALPHABET.charAt(c))).reduce("", String::concat)))
                    .checkAssert(text -> {
                        try {
                            showTrgm.setString(1, text);
                            try (ResultSet rows = showTrgm.executeQuery()) {
                                rows.next();
                                Set<String> expected = new TreeSet<>(Arrays.asList((String[]) rows.getArray(1).getArray()));
                                assertThat(new TreeSet<>(Trigrams.of(text))).as("'%s'", text).isEqualTo(expected);
                            }
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
        }
    }

    @Test
    void aSegmentIsNotPaddedWhereItsWordsMayGoOn() {
        assertThat(Trigrams.ofContainedByWord("4242")).containsExactly(List.of("424", "242"));
        assertThat(Trigrams.ofContainedByWord("-4242 ")).containsExactly(List.of("  4", " 42", "424", "242", "42 "));
        assertThat(Trigrams.ofContainedByWord("ab")).isEmpty();
        assertThat(Trigrams.ofContainedByWord("nadia_quil")).containsExactly(List.of("nad", "adi", "dia", "ia "),
                List.of("  q", " qu", "qui", "uil"));
        assertThat(List.copyOf(Trigrams.of("Cat"))).containsExactly("  c", " ca", "cat", "at ");
    }
}
