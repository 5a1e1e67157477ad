package io.xmonitor.db;

import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.log.JsonLog;
import io.xmonitor.secrets.DatabaseCredentials;
import io.xmonitor.secrets.SecretSource;
import io.xmonitor.secrets.SecretUnavailableException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The container's connection pool, rebuilt with freshly read credentials when the database
 * refuses the ones it has: after a password rotation the function recovers by itself, with no
 * redeploy and no restart. Credentials are read when the first connection is asked for, not when
 * the function starts, so a SnapStart snapshot never holds them; they are read again only on a
 * refusal.
 */
public final class RenewingDataSource implements DataSource, AutoCloseable {

    private record Pool(DatabaseCredentials credentials, HikariDataSource dataSource) {
    }

    private final SecretSource secrets;
    private final AppConfig config;
    private final String poolName;
    private volatile Pool pool;

    public RenewingDataSource(SecretSource secrets, AppConfig config, String poolName) {
        this.secrets = secrets;
        this.config = config;
        this.poolName = poolName;
    }

    /**
     * The pool, built with the current credentials on first use. A secret that cannot be read is a
     * transient connection failure, as an unreachable database is: the caller's retry covers both.
     */
    private Pool pool() throws SQLException {
        Pool current = pool;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (pool == null) {
                DatabaseCredentials credentials;
                try {
                    credentials = secrets.database()
                            .orElseThrow(() -> new ConfigException("the database secret holds no credentials"));
                } catch (SecretUnavailableException | ConfigException e) {
                    // Said here, where the reason is known: callers log only the SQLState of what they catch.
                    JsonLog.error("database_credentials_unavailable", Map.of("pool", poolName, "error", e.getMessage()));
                    throw new SQLTransientConnectionException("database credentials are unavailable: " + e.getMessage(), "08001", e);
                }
                pool = new Pool(credentials, DataSourceFactory.create(credentials, config, poolName));
            }
            return pool;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Pool used = pool();
        try {
            return used.dataSource().getConnection();
        } catch (SQLException refused) {
            if (!isAuthenticationFailure(refused)) {
                throw refused;
            }
            Pool renewed = renew(used);
            if (renewed == used) {
                throw refused;
            }
            return renewed.dataSource().getConnection();
        }
    }

    /** Reads the credentials again; a new pool only when they changed (and only once for concurrent callers). */
    private synchronized Pool renew(Pool refused) {
        if (pool != refused) {
            return pool;
        }
        Optional<DatabaseCredentials> fresh = secrets.refreshDatabase();
        if (fresh.isEmpty() || fresh.get().equals(refused.credentials())) {
            JsonLog.error("database_credentials_refused", Map.of("pool", poolName, "action", "the secret holds the same credentials"));
            return refused;
        }
        pool = new Pool(fresh.get(), DataSourceFactory.create(fresh.get(), config, poolName));
        refused.dataSource().close();
        JsonLog.warn("database_credentials_renewed", Map.of("pool", poolName));
        return pool;
    }

    /** SQLSTATE class 28: invalid authorization (a wrong password is 28P01). */
    static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.dataSource().close();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the secret");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool().dataSource().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool().dataSource().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool().dataSource().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool().dataSource().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return pool().dataSource().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool().dataSource().isWrapperFor(type);
    }
}
