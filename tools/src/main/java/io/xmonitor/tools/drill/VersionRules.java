package io.xmonitor.tools.drill;

import io.xmonitor.ingest.IngestKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How observations of one row combine, written a second time in plain Java from
 * docs/openapi.v1.yaml ("How observations combine"), ADR 0003 and ADR 0008, for the drill's
 * oracle: a row's columns form groups; each group comes whole from the observation that ranks
 * first for it, by its version (newest, or earliest for a first capture; a version left out ranks
 * below every one given), then by progress (the larger total of its counts, then more of its
 * fields holding a value: not null, {@code ""}, {@code []} or {@code {}}), then column by column
 * in the contract's order, a value over none and the greater value (text in code point order,
 * which is UTF-8's byte order; JSON by its canonical text; instants as instants).
 */
final class VersionRules {

    enum Type { TEXT, INTEGER, BOOLEAN, TIMESTAMP, JSON }

    record Column(String name, Type type) {
    }

    /** One term of a group's version: its column, and whether the earliest ranks first. */
    record Version(String column, boolean earliest) {
    }

    /** Columns taken together from the observation that ranks first for them. */
    record Group(List<Version> versions, List<String> counts, List<Column> columns) {

        /** Positive when {@code a} ranks before {@code b}. */
        int rank(Map<String, Object> a, Map<String, Object> b) {
            int byVersion = rankVersions(a, b);
            if (byVersion != 0) {
                return byVersion;
            }
            int byCounts = Long.compare(total(a), total(b));
            if (byCounts != 0) {
                return byCounts;
            }
            int byPresence = Long.compare(columns.stream().filter(c -> holdsValue(c, a.get(c.name()))).count(),
                    columns.stream().filter(c -> holdsValue(c, b.get(c.name()))).count());
            if (byPresence != 0) {
                return byPresence;
            }
            for (Column column : columns) {
                boolean inA = holdsValue(column, a.get(column.name()));
                boolean inB = holdsValue(column, b.get(column.name()));
                if (inA != inB) {
                    return inA ? 1 : -1;
                }
                int byValue = compareValues(column.type(), a.get(column.name()), b.get(column.name()));
                if (byValue != 0) {
                    return byValue;
                }
            }
            return 0;
        }

        /** Positive when {@code a}'s version of the group is newer (ranks before) {@code b}'s. */
        int rankVersions(Map<String, Object> a, Map<String, Object> b) {
            for (Version version : versions) {
                Instant x = (Instant) a.get(version.column());
                Instant y = (Instant) b.get(version.column());
                if (Objects.equals(x, y)) {
                    continue;
                }
                if (x == null || y == null) {
                    return x == null ? -1 : 1;
                }
                return version.earliest() ? y.compareTo(x) : x.compareTo(y);
            }
            return 0;
        }

        private long total(Map<String, Object> row) {
            return counts.stream().map(row::get).mapToLong(v -> v == null ? 0 : (Long) v).sum();
        }
    }

    /** A table of the contract with its key, its version groups and the columns no observation sets. */
    record Table(String name, IngestKind kind, List<Column> key, List<Group> groups, Set<String> notCompared) {

        /** Every column the oracle compares: the key, every group's, and an embedding's created_at. */
        List<Column> compared() {
            List<Column> columns = new ArrayList<>(key);
            groups.forEach(g -> columns.addAll(g.columns()));
            if (kind == IngestKind.EMBEDDINGS) {
                columns.add(new Column("created_at", Type.TIMESTAMP));
            }
            return columns;
        }

        Type typeOf(String column) {
            return compared().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow().type();
        }
    }

    /** The post's fields of the 24h refresh: sent without refresh_24h_at they still form its group. */
    static final List<String> REFRESH_FIELDS = List.of("likes_24h", "reposts_24h", "replies_24h", "views_24h", "refresh_24h_at",
            "refresh_24h_status", "refresh_24h_delta_likes", "refresh_24h_delta_reposts", "refresh_24h_delta_replies",
            "refresh_24h_delta_views");

    /** Columns set by the database itself: bookkeeping times, surrogate ids, and the search text generated from compared columns. */
    private static final Set<String> BOOKKEEPING = Set.of("created_at", "updated_at", "id", "search_document");

    static final List<Table> TABLES = List.of(
            new Table("posts", IngestKind.POSTS, List.of(text("status_id")), List.of(
                    new Group(List.of(newest("last_seen_at")), List.of("likes", "reposts", "replies", "views"), List.of(
                            time("last_seen_at"), text("url"), text("author_handle"), text("posted_relative"), text("source_query"),
                            text("watch_tier"), bool("is_significant"), text("significance_reason"), text("significance_version"),
                            integer("likes"), integer("reposts"), integer("replies"), integer("views"))),
                    new Group(List.of(earliest("discovered_at")),
                            List.of("initial_likes", "initial_reposts", "initial_replies", "initial_views"), List.of(
                            time("discovered_at"), integer("initial_likes"), integer("initial_reposts"), integer("initial_replies"),
                            integer("initial_views"))),
                    new Group(List.of(newest("text_seen_at")), List.of(), List.of(
                            time("text_seen_at"), text("author_display"), text("body_text"))),
                    new Group(List.of(newest("refresh_24h_at"), newest("refresh_24h_seen_at")),
                            List.of("likes_24h", "reposts_24h", "replies_24h", "views_24h"), List.of(
                            time("refresh_24h_at"), time("refresh_24h_seen_at"), text("refresh_24h_status"), integer("likes_24h"),
                            integer("reposts_24h"), integer("replies_24h"), integer("views_24h"),
                            integer("refresh_24h_delta_likes"), integer("refresh_24h_delta_reposts"),
                            integer("refresh_24h_delta_replies"), integer("refresh_24h_delta_views")))),
                    BOOKKEEPING),
            new Table("post_metrics_snapshots", IngestKind.METRICS,
                    List.of(text("status_id"), text("snapshot_type"), time("snapshot_at")), List.of(
                    new Group(List.of(), List.of("likes", "reposts", "replies", "views"), List.of(
                            integer("likes"), integer("reposts"), integer("replies"), integer("views"), text("source")))),
                    BOOKKEEPING),
            new Table("reports", IngestKind.REPORTS, List.of(text("status_id")), List.of(
                    new Group(List.of(newest("reported_at")), List.of(), List.of(
                            time("reported_at"), text("channel"), text("summary"), text("destination")))),
                    BOOKKEEPING),
            new Table("watch_accounts", IngestKind.WATCH_ACCOUNTS, List.of(text("handle")), List.of(
                    new Group(List.of(newest("updated_at")), List.of(), List.of(time("updated_at"), text("tier"), text("note"))),
                    new Group(List.of(earliest("added_at")), List.of(), List.of(time("added_at")))),
                    Set.of("created_at")),
            new Table("embeddings", IngestKind.EMBEDDINGS, List.of(text("status_id")), List.of(
                    new Group(List.of(newest("updated_at")), List.of(), List.of(
                            time("updated_at"), text("backend"), text("model"), integer("dims"), json("vector_json"),
                            text("text_hash")))),
                    Set.of()),
            new Table("window_summaries", IngestKind.WINDOW_SUMMARIES, List.of(text("summary_key")), List.of(
                    new Group(List.of(newest("generated_at")), List.of("post_count", "significant_count"), List.of(
                            time("generated_at"), text("window_type"), time("window_start"), time("window_end"),
                            integer("post_count"), integer("significant_count"), json("tier_counts_json"),
                            json("top_themes_json"), json("debates_json"), json("top_authors_json"), json("notable_posts_json"),
                            text("summary_text"), text("source_version"), text("embedding_backend"), text("embedding_model"),
                            integer("embedding_dims"), json("embedding_vector_json")))),
                    BOOKKEEPING),
            new Table("narrative_shifts", IngestKind.NARRATIVE_SHIFTS, List.of(text("shift_key")), List.of(
                    new Group(List.of(newest("generated_at")), List.of(), List.of(
                            time("generated_at"), text("basis_window_type"), time("period_start"), time("period_end"),
                            json("source_summary_keys_json"), json("emerging_themes_json"), json("declining_themes_json"),
                            json("debate_intensity_json"), json("position_shifts_json"), text("summary_text"),
                            text("source_version"), text("embedding_backend"), text("embedding_model"),
                            integer("embedding_dims"), json("embedding_vector_json")))),
                    BOOKKEEPING),
            new Table("pipeline_runs", IngestKind.RUNS, List.of(time("run_at"), text("mode"), text("source")), List.of(
                    new Group(List.of(), List.of("fetched_count", "significant_count", "reported_count"), List.of(
                            integer("fetched_count"), integer("significant_count"), integer("reported_count"), text("note")))),
                    BOOKKEEPING));

    private VersionRules() {
    }

    static Table table(IngestKind kind) {
        return TABLES.stream().filter(t -> t.kind() == kind).findFirst().orElseThrow();
    }

    /** Whether a column holds a value: not null, and not an empty text, array or object. */
    static boolean holdsValue(Column column, Object value) {
        if (value == null) {
            return false;
        }
        return switch (column.type()) {
            case TEXT -> !((String) value).isEmpty();
            case JSON -> !value.equals("[]") && !value.equals("{}");
            default -> true;
        };
    }

    /** Values of one type; none ranks below any. */
    @SuppressWarnings("unchecked")
    static int compareValues(Type type, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return switch (type) {
            case TEXT, JSON -> compareText((String) a, (String) b);
            default -> ((Comparable<Object>) a).compareTo(b);
        };
    }

    /**
     * Text by code points, the order of its UTF-8 bytes (PostgreSQL's "C" collation). Java's
     * {@code compareTo} compares UTF-16 units, which put U+FF5E after U+1F600.
     */
    static int compareText(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static Version newest(String column) {
        return new Version(column, false);
    }

    private static Version earliest(String column) {
        return new Version(column, true);
    }

    private static Column text(String name) {
        return new Column(name, Type.TEXT);
    }

    private static Column integer(String name) {
        return new Column(name, Type.INTEGER);
    }

    private static Column bool(String name) {
        return new Column(name, Type.BOOLEAN);
    }

    private static Column time(String name) {
        return new Column(name, Type.TIMESTAMP);
    }

    private static Column json(String name) {
        return new Column(name, Type.JSON);
    }
}
