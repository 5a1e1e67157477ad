package io.xmonitor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.analytics.AnalyticsModels.BasisWindow;
import io.xmonitor.analytics.AnalyticsModels.NarrativeShift;
import io.xmonitor.feed.FeedCursor;
import io.xmonitor.feed.FeedRepository;
import io.xmonitor.feed.ReadModels.WindowSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Window summaries and narrative shifts, newest first, a page at a time: summaries by
 * (window_end, summary_key), shifts by (period_end, shift_key), both served by the indexes of V10.
 */
public final class HistoryRepository {

    private static final String SHIFT_COLUMNS = """
            SELECT shift_key, basis_window_type, period_start, period_end, generated_at, source_summary_keys_json::text,
                   emerging_themes_json::text, declining_themes_json::text, debate_intensity_json::text,
                   position_shifts_json::text, summary_text, source_version
            FROM narrative_shifts
            """;

    private static final String BASIS_WINDOWS = """
            SELECT summary_key, window_type, window_start, window_end, post_count, significant_count
            FROM window_summaries WHERE summary_key = ANY(?::text[])
            """;

    /** One page's worth: which type (all when empty), how many, and after which item. */
    public record HistoryQuery(Optional<String> type, int limit, Optional<FeedCursor.Position> after) {
    }

    private final DataSource dataSource;

    public HistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} summaries after the query's position, newest window first. */
    public List<WindowSummary> summaries(HistoryQuery query, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = FeedRepository.SUMMARY_COLUMNS + page(query, "window_type", "window_end", "summary_key", parameters);
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<WindowSummary> summaries = new ArrayList<>();
            while (rows.next()) {
                summaries.add(FeedRepository.windowSummary(rows));
            }
            return summaries;
        }
    }

    /** Up to {@code limit} shifts after the query's position, newest period first, each with the windows it was computed from. */
    public List<NarrativeShift> shifts(HistoryQuery query, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = SHIFT_COLUMNS + page(query, "basis_window_type", "period_end", "shift_key", parameters);
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection()) {
            // The shifts and their windows from one snapshot.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<ShiftRow> shifts = new ArrayList<>();
            try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    shifts.add(new ShiftRow(rows.getString(1), rows.getString(2), FeedRepository.instant(rows, 3),
                            FeedRepository.instant(rows, 4), FeedRepository.instant(rows, 5), FeedRepository.json(rows, 6),
                            FeedRepository.json(rows, 7), FeedRepository.json(rows, 8), FeedRepository.json(rows, 9),
                            FeedRepository.json(rows, 10), rows.getString(11), rows.getString(12)));
                }
            }
            Set<String> keys = new LinkedHashSet<>();
            shifts.forEach(shift -> keys.addAll(shift.sourceKeys()));
            Map<String, BasisWindow> windows = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(BASIS_WINDOWS)) {
                statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        windows.put(rows.getString(1), new BasisWindow(rows.getString(1), rows.getString(2),
                                FeedRepository.instant(rows, 3), FeedRepository.instant(rows, 4), rows.getInt(5), rows.getInt(6)));
                    }
                }
            }
            connection.commit();
            return shifts.stream().map(shift -> shift.withWindows(shift.sourceKeys().stream().distinct().map(windows::get)
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparing(BasisWindow::windowStart).thenComparing(BasisWindow::windowEnd)
                            .thenComparing(BasisWindow::summaryKey))
                    .toList())).toList();
        }
    }

    private record ShiftRow(String key, String basisWindowType, Instant periodStart, Instant periodEnd,
                            Instant generatedAt, JsonNode sourceSummaryKeys, JsonNode emergingThemes,
                            JsonNode decliningThemes, JsonNode debateIntensity, JsonNode positionShifts, String summaryText,
                            String sourceVersion) {

        List<String> sourceKeys() {
            List<String> keys = new ArrayList<>();
            if (sourceSummaryKeys != null) {
                sourceSummaryKeys.forEach(key -> {
                    if (key.isTextual()) {
                        keys.add(key.asText());
                    }
                });
            }
            return keys;
        }

        NarrativeShift withWindows(List<BasisWindow> windows) {
            return new NarrativeShift(key, basisWindowType, periodStart, periodEnd, generatedAt, sourceSummaryKeys, emergingThemes,
                    decliningThemes, debateIntensity, positionShifts, summaryText, sourceVersion, windows);
        }
    }

    /** The type filter, the position and the order of a page (newest first by time, then key). */
    private static String page(HistoryQuery query, String typeColumn, String timeColumn, String keyColumn, List<Object> parameters) {
        StringBuilder sql = new StringBuilder("WHERE true\n");
        query.type().ifPresent(type -> {
            sql.append("  AND ").append(typeColumn).append(" = ?\n");
            parameters.add(type);
        });
        query.after().ifPresent(after -> {
            sql.append("  AND (").append(timeColumn).append(", ").append(keyColumn).append(") < (?, ?)\n");
            parameters.add(Timestamp.from(after.discoveredAt()));
            parameters.add(after.statusId());
        });
        return sql.append("ORDER BY ").append(timeColumn).append(" DESC, ").append(keyColumn).append(" DESC\nLIMIT ?").toString();
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }
}
