package io.xmonitor.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.config.DatabaseLocation;
import io.xmonitor.config.Environment;
import io.xmonitor.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both layouts RDS writes, the stack's parameters filling what a secret leaves out, and never a guess. */
class DatabaseSecretTest {

    private static final DatabaseLocation PARAMETERS =
            new DatabaseLocation(Optional.of("db.parameter"), Optional.of(6432), Optional.of("from_parameter"));

    private static JsonNode secret(Map<String, ?> fields) {
        return Json.mapper().valueToTree(fields);
    }

    private static DatabaseCredentials complete(DatabaseSecret.Reading reading) {
        assertThat(reading).isInstanceOf(DatabaseSecret.Complete.class);
        return ((DatabaseSecret.Complete) reading).credentials();
    }

    private static String incomplete(DatabaseSecret.Reading reading) {
        assertThat(reading).isInstanceOf(DatabaseSecret.Incomplete.class);
        return ((DatabaseSecret.Incomplete) reading).reason();
    }

    @Test
    void theLayoutRdsRotatesNeedsNoParameters() {
        var credentials = complete(DatabaseSecret.read(secret(Map.of("engine", "postgres", "host", "db.internal", "port", 5433,
                "dbname", "xmonitor", "username", "app", "password", "pw")), DatabaseLocation.NOT_GIVEN));
        assertThat(credentials.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/xmonitor");
        assertThat(credentials.username()).isEqualTo("app");
        assertThat(credentials.password()).isEqualTo("pw");
    }

    @Test
    void theSecretRdsManagesForTheMasterUserTakesItsLocationFromTheParameters() {
        var credentials = complete(DatabaseSecret.read(secret(Map.of("username", "postgres", "password", " pw ")), PARAMETERS));
        assertThat(credentials.jdbcUrl()).isEqualTo("jdbc:postgresql://db.parameter:6432/from_parameter");
        assertThat(credentials.password()).as("taken as written").isEqualTo(" pw ");
    }

    @Test
    void withoutParametersTheManagedSecretIsRefusedNamingEachMissingFieldAndWhereItCouldComeFrom() {
        String reason = incomplete(DatabaseSecret.read(secret(Map.of("username", "postgres", "password", "pw")),
                DatabaseLocation.NOT_GIVEN));
        assertThat(reason)
                .contains("host is in neither the secret nor XMONITOR_DATABASE_HOST (template parameter DatabaseHost)")
                .contains("port is in neither the secret nor XMONITOR_DATABASE_PORT (template parameter DatabasePort)")
                .contains("dbname is in neither the secret nor XMONITOR_DATABASE_NAME (template parameter DatabaseName)")
                .doesNotContain("pw");
    }

    @Test
    void aConsoleSecretWithoutDbnameIsNotSilentlyPointedAtPostgres() {
        Map<String, Object> console = Map.of("engine", "postgres", "host", "db.internal", "port", 5432,
                "username", "app", "password", "pw", "dbInstanceIdentifier", "xmonitor-prod");
        assertThat(incomplete(DatabaseSecret.read(secret(console), DatabaseLocation.NOT_GIVEN)))
                .isEqualTo("the database secret is incomplete: dbname is in neither the secret nor XMONITOR_DATABASE_NAME"
                        + " (template parameter DatabaseName)");
        var named = new DatabaseLocation(Optional.empty(), Optional.empty(), Optional.of("xmonitor"));
        assertThat(complete(DatabaseSecret.read(secret(console), named)).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5432/xmonitor");
    }

    @Test
    void aPortWrittenAsTextIsReadAndOneThatIsNoPortIsNamed() {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("host", "h", "dbname", "d", "username", "u", "password", "p"));
        fields.put("port", "5433");
        assertThat(complete(DatabaseSecret.read(secret(fields), DatabaseLocation.NOT_GIVEN)).jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5433/d");
        for (Object bad : new Object[] {"five", 0, 70_000, -1, 54.5}) {
            fields.put("port", bad);
            assertThat(incomplete(DatabaseSecret.read(secret(fields), PARAMETERS))).as("port %s", bad)
                    .isEqualTo("the database secret is incomplete: the secret's port is not a port number");
        }
    }

    @Test
    void credentialsComeOnlyFromTheSecret() {
        assertThat(incomplete(DatabaseSecret.read(secret(Map.of("host", "h", "port", 1, "dbname", "d", "password", "")), PARAMETERS)))
                .isEqualTo("the database secret is incomplete: the secret has no username; the secret has no password");
    }

    /**
     * Every split of host, port and dbname between the secret and the parameters (each in the
     * secret, in the parameters, in both or in neither; all 64): the secret's value wins, a parameter
     * fills a gap, and the reading is refused exactly when a field is in neither, naming exactly those.
     */
    @Test
    void eachFieldComesFromTheSecretElseTheParametersElseIsNamed() {
        String[] fields = {"host", "port", "dbname"};
        Object[] secretValues = {"secret.host", 5433, "secret_db"};
        Object[] parameterValues = {"parameter.host", 6432, "parameter_db"};
        for (int split = 0; split < 64; split++) {
            int[] places = {split & 3, (split >> 2) & 3, (split >> 4) & 3};
            Map<String, Object> inSecret = new LinkedHashMap<>(Map.of("username", "u", "password", "p"));
            Object[] expected = new Object[3];
            for (int i = 0; i < fields.length; i++) {
                if ((places[i] & 1) != 0) {
                    inSecret.put(fields[i], secretValues[i]);
                }
                expected[i] = (places[i] & 1) != 0 ? secretValues[i] : parameterValues[i];
            }
            var location = new DatabaseLocation(
                    (places[0] & 2) != 0 ? Optional.of("parameter.host") : Optional.empty(),
                    (places[1] & 2) != 0 ? Optional.of(6432) : Optional.empty(),
                    (places[2] & 2) != 0 ? Optional.of("parameter_db") : Optional.empty());
            DatabaseSecret.Reading reading = DatabaseSecret.read(secret(inSecret), location);

            if (places[0] == 0 || places[1] == 0 || places[2] == 0) {
                String reason = incomplete(reading);
                for (int i = 0; i < fields.length; i++) {
                    assertThat(reason.contains(fields[i] + " is in neither")).as("split %d, %s", split, fields[i])
                            .isEqualTo(places[i] == 0);
                }
            } else {
                assertThat(complete(reading).jdbcUrl()).as("split %d", split)
                        .isEqualTo("jdbc:postgresql://" + expected[0] + ":" + expected[1] + "/" + expected[2]);
            }
        }
    }

    @Test
    void theParametersReachTheConfigurationAndABadPortIsRefusedAtLoad() {
        AppConfig config = AppConfig.load(new Environment(Map.of(AppConfig.DATABASE_HOST, "db.internal",
                AppConfig.DATABASE_PORT, "5432", AppConfig.DATABASE_NAME, "xmonitor")));
        assertThat(config.databaseLocation())
                .isEqualTo(new DatabaseLocation(Optional.of("db.internal"), Optional.of(5432), Optional.of("xmonitor")));
        assertThat(AppConfig.load(new Environment(Map.of(AppConfig.DATABASE_HOST, "", AppConfig.DATABASE_PORT, "")))
                .databaseLocation()).as("an empty parameter is no value").isEqualTo(DatabaseLocation.NOT_GIVEN);
        assertThatThrownBy(() -> AppConfig.load(new Environment(Map.of(AppConfig.DATABASE_PORT, "70000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AppConfig.DATABASE_PORT);
    }
}
