package io.xmonitor.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xmonitor.config.DatabaseLocation;
import io.xmonitor.json.Json;
import io.xmonitor.testing.MutableClock;
import io.xmonitor.testing.SecretsManagerStandIn;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real SDK client against the Secrets Manager protocol on a loopback server. */
class SecretsManagerSecretSourceTest {

    private static final String DATABASE = "arn:aws:secretsmanager:us-east-1:1:secret:db";
    private static final String INGEST = "arn:aws:secretsmanager:us-east-1:1:secret:ingest";

    private SecretsManagerStandIn secretsManager;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws Exception {
        secretsManager = new SecretsManagerStandIn();
    }

    @AfterEach
    void stop() {
        secretsManager.close();
    }

    private static String database(String password) {
        return Json.write(Map.of("host", "db.internal", "port", 5433, "dbname", "xmonitor", "username", "app", "password", password));
    }

    private static String ingest(String current, String previous) {
        return Json.write(Map.of("ingest_shared_secret", current, "ingest_shared_secret_previous", previous));
    }

    private SecretsManagerSecretSource source(Optional<String> database, Optional<String> ingest, Duration ttl) {
        return new SecretsManagerSecretSource(secretsManager.client(), database, DatabaseLocation.NOT_GIVEN, ingest, ttl, clock);
    }

    @Test
    void readsTheRdsLayoutAndBothIngestKeysFromTheirOwnSecretsAndCachesForTheTtl() {
        secretsManager.put(DATABASE, database("pw"));
        secretsManager.put(INGEST, ingest("k2", "k1"));
        var source = source(Optional.of(DATABASE), Optional.of(INGEST), Duration.ofMinutes(5));

        assertThat(source.ingestKeys()).containsExactly("k2", "k1");
        assertThat(source.database()).hasValueSatisfying(db -> {
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/xmonitor");
            assertThat(db.username()).isEqualTo("app");
            assertThat(db.toString()).doesNotContain("pw");
        });
        source.ingestKeys();
        source.database();
        assertThat(secretsManager.calls()).isEqualTo(2);

        secretsManager.put(INGEST, ingest("k3", "k2"));
        clock.advance(Duration.ofMinutes(6));
        assertThat(source.ingestKeys()).containsExactly("k3", "k2");
        assertThat(secretsManager.calls()).as("the database secret is not read for the keys").isEqualTo(3);
    }

    @Test
    void theSecretRdsManagesForTheMasterUserIsCompletedByTheStacksParametersOrRefusedWithWhatIsMissing() {
        secretsManager.put(DATABASE, Json.write(Map.of("username", "postgres", "password", "pw")));
        var location = new DatabaseLocation(Optional.of("db.internal"), Optional.of(5432), Optional.of("xmonitor"));
        var completed = new SecretsManagerSecretSource(secretsManager.client(), Optional.of(DATABASE), location,
                Optional.empty(), Duration.ofMinutes(5), clock);
        assertThat(completed.database().orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/xmonitor");
        assertThat(completed.refreshDatabase().orElseThrow().username()).isEqualTo("postgres");

        var alone = source(Optional.of(DATABASE), Optional.empty(), Duration.ofMinutes(5));
        assertThatThrownBy(alone::database).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("host is in neither the secret nor XMONITOR_DATABASE_HOST")
                .hasMessageNotContaining("pw");
    }

    @Test
    void aFunctionGivenOnlyTheIngestSecretNeverReadsTheDatabaseSecret() {
        secretsManager.put(INGEST, ingest("k1", ""));
        var source = source(Optional.empty(), Optional.of(INGEST), Duration.ofMinutes(5));
        assertThat(source.database()).isEmpty();
        assertThat(source.refreshDatabase()).isEmpty();
        assertThat(source.ingestKeys()).containsExactly("k1");
        assertThat(secretsManager.calls()).isEqualTo(1);
    }

    @Test
    void anUnreadableSecretFailsOnlyWhatNeedsIt() {
        secretsManager.put(DATABASE, database("pw"));
        var withoutIngest = source(Optional.of(DATABASE), Optional.of(INGEST), Duration.ofMinutes(5));
        assertThat(withoutIngest.database().orElseThrow().password()).as("the feed reads its database").isEqualTo("pw");
        assertThatThrownBy(withoutIngest::ingestKeys).isInstanceOf(SecretUnavailableException.class);

        secretsManager.put(INGEST, ingest("k1", ""));
        var brokenDatabase = source(Optional.of(DATABASE + "-missing"), Optional.of(INGEST), Duration.ofMinutes(5));
        assertThat(brokenDatabase.ingestKeys()).as("ingest keys are checked without the database secret").containsExactly("k1");
        assertThatThrownBy(brokenDatabase::database).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void refreshingTheDatabaseSecretBypassesTheCache() {
        secretsManager.put(DATABASE, database("old"));
        var source = source(Optional.of(DATABASE), Optional.empty(), Duration.ofMinutes(5));
        assertThat(source.database().orElseThrow().password()).isEqualTo("old");

        secretsManager.put(DATABASE, database("new"));
        assertThat(source.database().orElseThrow().password()).as("cached within the TTL").isEqualTo("old");
        assertThat(source.refreshDatabase().orElseThrow().password()).isEqualTo("new");
        assertThat(source.database().orElseThrow().password()).isEqualTo("new");
    }

    @Test
    void keepsTheLastGoodValueWhenARefreshFailsAndFailsWhenThereIsNone() {
        secretsManager.put(INGEST, ingest("k1", ""));
        var source = source(Optional.empty(), Optional.of(INGEST), Duration.ofSeconds(1));
        assertThat(source.ingestKeys()).containsExactly("k1");

        secretsManager.failWith(500);
        clock.advance(Duration.ofSeconds(2));
        assertThat(source.ingestKeys()).containsExactly("k1");

        var cold = source(Optional.empty(), Optional.of(INGEST), Duration.ofSeconds(1));
        assertThatThrownBy(cold::ingestKeys).isInstanceOf(SecretUnavailableException.class).hasMessageNotContaining("k1");
    }
}
