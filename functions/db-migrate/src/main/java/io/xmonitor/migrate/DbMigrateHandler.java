package io.xmonitor.migrate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.xmonitor.config.Environment;
import io.xmonitor.db.Migrations;
import io.xmonitor.json.Json;
import io.xmonitor.log.JsonLog;
import io.xmonitor.secrets.DatabaseCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import javax.inject.Provider;

/**
 * Applies pending migrations and answers {@code {"applied":[…],"current_version":"…"}}. Any
 * input is accepted and ignored: invoking it is the whole request.
 */
public final class DbMigrateHandler implements RequestStreamHandler {

    private final Provider<DatabaseCredentials> database;

    /** The Lambda runtime's constructor: configuration from the process environment. */
    public DbMigrateHandler() {
        this(Environment.system());
    }

    /** Configuration from the given variables (local stack, {@code xmonitor invoke}, tests). */
    public DbMigrateHandler(Environment environment) {
        this(DaggerDbMigrateComponent.factory().create(environment));
    }

    private DbMigrateHandler(DbMigrateComponent component) {
        this.database = component.database();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Migrations.MigrationReport report = Migrations.apply(database.get());
        JsonLog.info("migrations_applied", Map.of("applied", report.applied(), "current_version", String.valueOf(report.currentVersion())));
        output.write(Json.writeBytes(report));
    }
}
