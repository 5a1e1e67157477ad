package io.xmonitor.apply;

import io.xmonitor.log.JsonLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Moves the changes a posts batch recorded for trends and engagement into their rollup
 * ({@code post_activity_fold()}, migration V10), in a short transaction of its own after the batch
 * commits, so that consumers never wait on each other for the rollup's rows. Only one fold runs
 * at a time (the function tries advisory lock 7062 and folds nothing when another holds it).
 * Reads count folded and unfolded changes alike: a fold that fails or is skipped leaves its
 * changes for the next one, and no figure is wrong meanwhile.
 */
final class ActivityFold {

    private static final String FOLD = "SELECT post_activity_fold()";

    private ActivityFold() {
    }

    /** Folds what is committed; on a connection in manual-commit mode, with nothing pending. */
    static void fold(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement(FOLD); ResultSet rows = statement.executeQuery()) {
            rows.next();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the pool discards it
            }
            JsonLog.warn("activity_fold_failed", Map.of("error", e.getSQLState() == null ? e.getClass().getSimpleName()
                    : "SQLState " + e.getSQLState()));
        }
    }
}
