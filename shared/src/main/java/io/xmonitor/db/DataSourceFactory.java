package io.xmonitor.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.secrets.DatabaseCredentials;
import java.time.Duration;
import java.util.Map;

/**
 * A connection pool shaped for Lambda: one connection per container by default (concurrency,
 * not pool size, scales the fleet), a short connection timeout so a down database fails a
 * request quickly, no connection opened at construction (a cold start must not fail because
 * the database is away), and validation before reuse after idling, which also covers a
 * SnapStart restore with connections that died in the snapshot.
 */
public final class DataSourceFactory {

    private DataSourceFactory() {
    }

    /**
     * A pool for operator tools and tests. Unlike a function's pool it connects at once: a wrong
     * URL, user, password or database fails here within seconds, with the database's own reason
     * in the message (refused, authentication failed, no such database), not after a timeout.
     */
    public static HikariDataSource forTools(DatabaseCredentials credentials, int poolSize, String poolName) {
        HikariConfig hikari = config(credentials, AppConfig.load(new Environment(Map.of(
                AppConfig.DB_POOL_SIZE, Integer.toString(poolSize),
                AppConfig.DB_CONNECT_TIMEOUT_MS, "5000"))), poolName);
        hikari.setInitializationFailTimeout(1);
        return new HikariDataSource(hikari);
    }

    public static HikariDataSource create(DatabaseCredentials credentials, AppConfig config, String poolName) {
        return new HikariDataSource(config(credentials, config, poolName));
    }

    private static HikariConfig config(DatabaseCredentials credentials, AppConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(credentials.jdbcUrl());
        hikari.setUsername(credentials.username());
        hikari.setPassword(credentials.password());
        hikari.setMaximumPoolSize(config.dbPoolSize());
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(config.dbConnectTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(config.dbConnectTimeout().toMillis(), 2000));
        hikari.setInitializationFailTimeout(-1);
        hikari.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        hikari.setMaxLifetime(Duration.ofMinutes(15).toMillis());
        hikari.setAutoCommit(true);
        // Every writer (Lambda in UTC, a laptop in its own zone) sees the same session: nothing
        // stored or ranked may depend on where the connection was opened.
        hikari.setConnectionInitSql("SET TIME ZONE 'UTC'");
        hikari.addDataSourceProperty("connectTimeout", Math.max(1, config.dbConnectTimeout().toSeconds()));
        hikari.addDataSourceProperty("socketTimeout", 30);
        hikari.addDataSourceProperty("tcpKeepAlive", true);
        hikari.addDataSourceProperty("ApplicationName", poolName);
        hikari.addDataSourceProperty("reWriteBatchedInserts", true);
        return hikari;
    }
}
