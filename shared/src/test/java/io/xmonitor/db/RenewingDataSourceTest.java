package io.xmonitor.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.secrets.DatabaseCredentials;
import io.xmonitor.secrets.SecretSource;
import io.xmonitor.secrets.SecretUnavailableException;
import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool reads its credentials on the first connection, not when it is made (SnapStart), and says why when it cannot. */
class RenewingDataSourceTest {

    /** Secrets that answer from a supplier and count how often they were read. */
    private static final class CountingSecrets implements SecretSource {
        final AtomicInteger reads = new AtomicInteger();
        volatile Optional<DatabaseCredentials> database = Optional.empty();
        volatile boolean unavailable;

        @Override
        public Optional<DatabaseCredentials> database() {
            reads.incrementAndGet();
            if (unavailable) {
                throw new SecretUnavailableException("secret store unreachable");
            }
            return database;
        }

        @Override
        public List<String> ingestKeys() {
            return List.of();
        }

        @Override
        public boolean databaseConfigured() {
            return true;
        }

        @Override
        public Optional<DatabaseCredentials> refreshDatabase() {
            return database();
        }
    }

    private final AppConfig config = AppConfig.load(new Environment(Map.of()));

    @Test
    void readsTheSecretOnTheFirstConnectionOnly() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        CountingSecrets secrets = new CountingSecrets();
        secrets.database = Optional.of(new DatabaseCredentials(database.jdbcUrl(), database.user(), database.password()));
        try (RenewingDataSource dataSource = new RenewingDataSource(secrets, config, "test")) {
            assertThat(secrets.reads).as("reads when the pool is made").hasValue(0);
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.isValid(2)).isTrue();
            }
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThat(secrets.reads).as("reads after two connections").hasValue(1);
        }
    }

    @Test
    void anUnreadableSecretIsATransientConnectionFailureAndIsReadAgainNextTime() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        CountingSecrets secrets = new CountingSecrets();
        secrets.unavailable = true;
        try (RenewingDataSource dataSource = new RenewingDataSource(secrets, config, "test")) {
            try (CapturedOutput output = new CapturedOutput()) {
                assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageContaining("database credentials are unavailable")
                        .satisfies(e -> assertThat(((SQLTransientConnectionException) e).getSQLState()).isEqualTo("08001"));
                assertThat(output.text()).as("the reason is logged: callers log only the SQLState")
                        .contains("\"event\":\"database_credentials_unavailable\"").contains("secret store unreachable");
            }

            secrets.unavailable = false;
            secrets.database = Optional.of(new DatabaseCredentials(database.jdbcUrl(), database.user(), database.password()));
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.isValid(2)).isTrue();
            }
        }
    }
}
