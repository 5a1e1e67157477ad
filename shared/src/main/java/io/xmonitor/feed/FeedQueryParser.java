package io.xmonitor.feed;

import io.xmonitor.ingest.FieldReader;
import io.xmonitor.ingest.StorableValues;
import io.xmonitor.ingest.Timestamps;
import io.xmonitor.ingest.Vocabulary;
import io.xmonitor.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads the feed's query parameters; a bad value is an error naming the parameter, never a default. */
public final class FeedQueryParser {

    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_]{1,50}");
    private static final int MAX_TEXT_CHARS = 200;

    /** The parsed query, or the message of a 400. */
    public sealed interface Result {
        record Parsed(FeedQuery query) implements Result {
        }

        record Invalid(String message) implements Result {
        }
    }

    private final int defaultLimit;
    private final int maxLimit;
    private final FeedCursor cursors;

    public FeedQueryParser(int defaultLimit, int maxLimit, FeedCursor cursors) {
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
        this.cursors = cursors;
    }

    public Result parse(Map<String, String> given) {
        // A filter left empty (?tier=&q=) is a filter not given, as a form sends it.
        Map<String, String> parameters = new TreeMap<>(given);
        parameters.values().removeIf(String::isBlank);
        Optional<Instant> since = Optional.empty();
        Optional<Instant> until = Optional.empty();
        if (parameters.containsKey("since")) {
            since = Timestamps.parseQueryBound(parameters.get("since"));
            if (since.isEmpty()) {
                return new Result.Invalid("since: " + Timestamps.QUERY_BOUND_RULE);
            }
        }
        if (parameters.containsKey("until")) {
            until = Timestamps.parseQueryBound(parameters.get("until"));
            if (until.isEmpty()) {
                return new Result.Invalid("until: " + Timestamps.QUERY_BOUND_RULE);
            }
            if (since.isPresent() && until.get().isBefore(since.get())) {
                return new Result.Invalid("until: must not be before since");
            }
        }
        Optional<String> tier = Optional.ofNullable(parameters.get("tier")).map(t -> t.trim().toLowerCase(Locale.ROOT));
        if (tier.isPresent() && !Vocabulary.WATCH_TIERS.contains(tier.get())) {
            return new Result.Invalid("tier: must be one of " + String.join(", ", Vocabulary.WATCH_TIERS));
        }
        List<String> handles = List.of();
        if (parameters.containsKey("handle")) {
            handles = Arrays.stream(parameters.get("handle").split("[\\s,]+"))
                    .filter(h -> !h.isBlank())
                    .map(FieldReader::normaliseHandle)
                    .distinct()
                    .toList();
            if (handles.isEmpty() || handles.size() > 50 || !handles.stream().allMatch(h -> HANDLE.matcher(h).matches())) {
                return new Result.Invalid("handle: must be up to 50 X handles separated by spaces");
            }
        }
        Optional<Boolean> significant = Optional.empty();
        if (parameters.containsKey("significant")) {
            String value = parameters.get("significant").trim().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                return new Result.Invalid("significant: must be true or false");
            }
            significant = Optional.of(Boolean.parseBoolean(value));
        }
        Optional<String> text = Optional.ofNullable(parameters.get("q")).filter(q -> !q.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_TEXT_CHARS) {
            return new Result.Invalid("q: must be at most " + MAX_TEXT_CHARS + " characters");
        }
        // Text that can never be stored can never be found; it also keeps q from spanning body and handle.
        String unsearchable = text.map(StorableValues::textProblem).orElse(null);
        if (unsearchable != null) {
            return new Result.Invalid("q: " + unsearchable);
        }
        int limit = defaultLimit;
        if (parameters.containsKey("limit")) {
            try {
                limit = Integer.parseInt(parameters.get("limit").trim());
            } catch (NumberFormatException e) {
                return new Result.Invalid("limit: must be a whole number from 1 to " + maxLimit);
            }
            if (limit < 1 || limit > maxLimit) {
                return new Result.Invalid("limit: must be a whole number from 1 to " + maxLimit);
            }
        }
        FeedQuery unpositioned = new FeedQuery(since, until, tier, handles, significant, text, limit, Optional.empty());
        if (!parameters.containsKey("cursor")) {
            return new Result.Parsed(unpositioned);
        }
        Optional<FeedCursor.Position> after = cursors.decode(parameters.get("cursor"), filters(unpositioned));
        if (after.isEmpty()) {
            return new Result.Invalid("cursor: not a cursor this feed issued for these filters; start again without it");
        }
        return new Result.Parsed(new FeedQuery(since, until, tier, handles, significant, text, limit, after));
    }

    public String cursorFor(FeedQuery query, FeedCursor.Position last) {
        return cursors.encode(last, filters(query));
    }

    /**
     * The filters a cursor is bound to (everything but the limit and the cursor itself), as JSON
     * with sorted keys: values are escaped, so no value can pass for another filter.
     */
    static String filters(FeedQuery query) {
        Map<String, Object> canonical = new TreeMap<>();
        query.since().ifPresent(v -> canonical.put("since", v.toString()));
        query.until().ifPresent(v -> canonical.put("until", v.toString()));
        query.tier().ifPresent(v -> canonical.put("tier", v));
        if (!query.handles().isEmpty()) {
            canonical.put("handle", query.handles().stream().sorted().toList());
        }
        query.significant().ifPresent(v -> canonical.put("significant", v));
        query.text().ifPresent(v -> canonical.put("q", v));
        return Json.write(canonical);
    }
}
