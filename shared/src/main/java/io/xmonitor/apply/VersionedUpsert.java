package io.xmonitor.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the versioned upsert of one table, the statement that makes applying observations
 * order-independent. A row's columns fall into version groups; each group is replaced as a unit
 * by the observation that ranks first for it, and ranks are a total order: the group's version
 * (newest, or earliest for first-capture data); between two observations of one version, the one
 * that shows progress (the larger total of the group's counts, then more of its fields holding a
 * value: not null, not an empty text, array or object); then, column by column in the group's
 * order, a value over none and the greater value (text in byte order, JSON by its canonical text). Two different observations of one version never tie,
 * and no rank depends on the session (time zone, locale) or on how a value is rendered as text.
 * Whatever the order and batching of observations, each group ends up holding the first-ranked
 * observation of all of them, and an observation that ranks below what is stored changes nothing.
 *
 * <p>The statement ranks twice with the same expressions: inside the batch ({@code DISTINCT ON},
 * which also leaves one row per key, as PostgreSQL requires) and against the stored row
 * ({@code ON CONFLICT … DO UPDATE … WHERE}, which sees the latest committed row even when it was
 * written concurrently). For reports it reads:
 * <pre>
 * WITH incoming AS (SELECT … FROM json_to_recordset(?::json) AS r(…))
 * INSERT INTO reports AS t (status_id, reported_at, channel, summary, destination)
 * SELECT DISTINCT ON (status_id) status_id, reported_at, channel, summary, destination FROM incoming
 * ORDER BY status_id, reported_at DESC, (reported_at IS NOT NULL)::int + (channel IS NOT NULL AND channel::text &lt;&gt; '')::int + … DESC,
 *          (reported_at IS NOT NULL) DESC, coalesce(reported_at, '-infinity') DESC, (channel IS NOT NULL AND …) DESC, …
 * ON CONFLICT (status_id) DO UPDATE SET (reported_at, channel, summary, destination) = ROW(excluded.reported_at, …)
 * WHERE (excluded.reported_at, (excluded.reported_at IS NOT NULL)::int + …, …) &gt; (t.reported_at, (t.reported_at IS NOT NULL)::int + …, …)
 * </pre>
 * With several groups each is ranked in its own {@code DISTINCT ON} and the update takes every
 * group from whichever of the stored and the incoming row ranks first for it.
 */
final class VersionedUpsert {

    private static final String ALIAS = "{t}";

    /** One term of a group's rank; {@code expression} names columns as {@code {t}column}. */
    record Term(String expression, boolean descending) {

        static Term newest(String column) {
            return new Term(ALIAS + column, true);
        }

        /** A nullable version: an observation without one ranks below every one with one. */
        static Term newestIfPresent(String column) {
            return new Term("coalesce(" + ALIAS + column + ", '-infinity')", true);
        }

        static Term earliest(String column) {
            return new Term(ALIAS + column, false);
        }

        String on(String alias) {
            return expression.replace(ALIAS, alias.isEmpty() ? "" : alias + ".");
        }
    }

    /** A column of a group, with the type its values are compared as. */
    record Column(String name, Type type) {

        enum Type { TEXT, INTEGER, BOOLEAN, TIMESTAMP, JSON }

        static Column text(String name) {
            return new Column(name, Type.TEXT);
        }

        static Column integer(String name) {
            return new Column(name, Type.INTEGER);
        }

        static Column bool(String name) {
            return new Column(name, Type.BOOLEAN);
        }

        static Column timestamp(String name) {
            return new Column(name, Type.TIMESTAMP);
        }

        static Column json(String name) {
            return new Column(name, Type.JSON);
        }

        /** Whether the column holds a value: not null, and not an empty text, array or object. */
        String present() {
            String column = ALIAS + name;
            return switch (type) {
                case TEXT -> "(" + column + " IS NOT NULL AND " + column + "::text <> '')";
                case JSON -> "(" + column + " IS NOT NULL AND " + column + " <> '[]' AND " + column + " <> '{}')";
                default -> "(" + column + " IS NOT NULL)";
            };
        }

        /** The column's value as a rank term: never null (a value over none is the term before it). */
        String value() {
            String column = ALIAS + name;
            return switch (type) {
                case TEXT -> "coalesce(" + column + "::text, '') COLLATE \"C\"";
                case INTEGER -> "coalesce(" + column + ", 0)";
                case BOOLEAN -> "coalesce(" + column + ", false)";
                case TIMESTAMP -> "coalesce(" + column + ", '-infinity')";
                case JSON -> "coalesce(" + column + "::text, '') COLLATE \"C\"";
            };
        }
    }

    /**
     * Columns replaced together, by the observation ranked first by {@code versions}, then by
     * progress ({@code counts}, then fields present), then by their values.
     */
    record Group(List<Term> rank, List<String> columns) {

        static Group of(List<Term> versions, List<String> counts, List<Column> columns) {
            return new Group(rankOf(versions, counts, columns), columns.stream().map(Column::name).toList());
        }

        private static List<Term> rankOf(List<Term> versions, List<String> counts, List<Column> columnTypes) {
            List<Term> terms = new ArrayList<>(versions);
            if (!counts.isEmpty()) {
                terms.add(new Term(counts.stream().map(c -> "coalesce(" + ALIAS + c + ", 0)::bigint")
                        .collect(Collectors.joining(" + ")), true));
            }
            terms.add(new Term(columnTypes.stream().map(c -> c.present() + "::int").collect(Collectors.joining(" + ")), true));
            for (Column column : columnTypes) {
                terms.add(new Term(column.present(), true));
                terms.add(new Term(column.value(), true));
            }
            return List.copyOf(terms);
        }

        String orderBy() {
            return rank.stream().map(t -> t.on("") + (t.descending() ? " DESC" : "")).collect(Collectors.joining(", "));
        }

        /** True when the row {@code challenger} ranks before {@code holder} (the row comparison of both ranks). */
        String beats(String challenger, String holder) {
            String left = rank.stream().map(t -> t.on(t.descending() ? challenger : holder)).collect(Collectors.joining(", "));
            String right = rank.stream().map(t -> t.on(t.descending() ? holder : challenger)).collect(Collectors.joining(", "));
            return "(" + left + ") > (" + right + ")";
        }
    }

    private VersionedUpsert() {
    }

    /**
     * @param incoming a SELECT of the batch's rows, one column per target column, reading the
     *                 statement's single parameter (a JSON array)
     * @param touched  columns set to now() whenever a row changes
     */
    static String statement(String table, String incoming, List<String> keys, List<Group> groups, List<String> touched) {
        return statement(table, incoming, keys, groups, touched, false);
    }

    /**
     * As {@link #statement(String, String, List, List, List)}; with {@code keysDistinct} for a
     * batch that holds each key once, which leaves nothing to rank inside the batch: the rows go
     * to the upsert as they are, and only the comparison with the stored row remains.
     */
    static String statement(String table, String incoming, List<String> keys, List<Group> groups, List<String> touched,
                            boolean keysDistinct) {
        String keyList = String.join(", ", keys);
        List<String> columns = new ArrayList<>(keys);
        groups.forEach(g -> columns.addAll(g.columns()));
        StringBuilder sql = new StringBuilder("WITH incoming AS (\n").append(incoming.strip()).append("\n)");
        String rows;
        if (keysDistinct) {
            rows = "SELECT " + String.join(", ", columns) + " FROM incoming\nORDER BY " + keyList;
        } else if (groups.size() == 1) {
            rows = "SELECT DISTINCT ON (" + keyList + ") " + String.join(", ", columns) + " FROM incoming\nORDER BY "
                    + keyList + ", " + groups.getFirst().orderBy();
        } else {
            for (int i = 0; i < groups.size(); i++) {
                Group group = groups.get(i);
                sql.append(",\ngroup_").append(i).append(" AS (\n    SELECT DISTINCT ON (").append(keyList).append(") ")
                        .append(keyList).append(", ").append(String.join(", ", group.columns()))
                        .append(" FROM incoming\n    ORDER BY ").append(keyList).append(", ").append(group.orderBy()).append("\n)");
            }
            StringBuilder joined = new StringBuilder("group_0");
            for (int i = 1; i < groups.size(); i++) {
                joined.append(" JOIN group_").append(i).append(" USING (").append(keyList).append(")");
            }
            rows = "SELECT " + String.join(", ", columns) + " FROM " + joined + "\nORDER BY " + keyList;
        }
        sql.append("\nINSERT INTO ").append(table).append(" AS t (").append(String.join(", ", columns)).append(")\n")
                .append(rows).append("\nON CONFLICT (").append(keyList).append(") DO UPDATE SET\n");
        List<String> assignments = new ArrayList<>();
        for (Group group : groups) {
            String targets = "(" + String.join(", ", group.columns()) + ")";
            if (groups.size() == 1) {
                assignments.add("    " + targets + " = ROW(" + group.columns().stream().map(c -> "excluded." + c)
                        .collect(Collectors.joining(", ")) + ")");
            } else {
                assignments.add("    " + targets + " = (SELECT " + group.columns().stream().map(c -> "(w)." + c)
                        .collect(Collectors.joining(", ")) + "\n        FROM (SELECT CASE WHEN " + group.beats("excluded", "t")
                        + " THEN excluded ELSE t END AS w) AS winner)");
            }
        }
        touched.forEach(column -> assignments.add("    " + column + " = now()"));
        sql.append(String.join(",\n", assignments)).append("\nWHERE ")
                .append(groups.stream().map(g -> g.beats("excluded", "t")).collect(Collectors.joining("\n   OR ")));
        return sql.toString();
    }
}
