package io.xmonitor.analytics;

import io.xmonitor.feed.FeedQuery;
import io.xmonitor.feed.FeedQueryParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the parameters of {@code /v1/trends} and {@code /v1/engagement}. The filters are the
 * feed's, read by the feed's parser; a bad value is an error naming the parameter, never a default.
 */
public final class AnalyticsQueryParser {

    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 50;
    private static final List<String> FILTERS = List.of("tier", "handle", "significant", "q");
    /** The feed's parameters that mean nothing here: asked for, they would be silently ignored. */
    private static final List<String> FEED_ONLY = List.of("since", "until", "limit", "cursor");
    private static final String ZONE_RULE = "must be an IANA time zone such as Europe/Berlin or UTC";
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    /** The parsed query, or the message of a 400. */
    public sealed interface Result {
        record Parsed(AnalyticsQuery query) implements Result {
        }

        record Invalid(String message) implements Result {
        }
    }

    private final FeedQueryParser filters;

    public AnalyticsQueryParser(FeedQueryParser filters) {
        this.filters = filters;
    }

    /**
     * @param route the route's path, named in errors
     * @param ranksTop whether the route ranks top handles and posts (and so takes {@code top})
     */
    public Result parse(Map<String, String> parameters, Instant now, String route, boolean ranksTop) {
        for (String name : FEED_ONLY) {
            if (given(parameters, name)) {
                return new Result.Invalid(name + ": not a parameter of " + route + "; the range is given by range (and tz)");
            }
        }
        if (!ranksTop && given(parameters, "top")) {
            return new Result.Invalid("top: not a parameter of " + route + "; top handles and posts are in /v1/engagement");
        }
        AnalyticsRange range = AnalyticsRange.DEFAULT;
        if (given(parameters, "range")) {
            Optional<AnalyticsRange> named = AnalyticsRange.forWireName(parameters.get("range").trim());
            if (named.isEmpty()) {
                return new Result.Invalid("range: " + AnalyticsRange.RULE);
            }
            range = named.get();
        }
        ZoneId zone = ZoneId.of("UTC");
        if (given(parameters, "tz")) {
            String name = parameters.get("tz").trim();
            if (!ZONES.contains(name)) {
                return new Result.Invalid("tz: " + ZONE_RULE);
            }
            zone = ZoneId.of(name);
        }
        int top = DEFAULT_TOP;
        if (given(parameters, "top")) {
            try {
                top = Integer.parseInt(parameters.get("top").trim());
            } catch (NumberFormatException e) {
                top = 0;
            }
            if (top < 1 || top > MAX_TOP) {
                return new Result.Invalid("top: must be a whole number from 1 to " + MAX_TOP);
            }
        }
        Map<String, String> filterParameters = new HashMap<>();
        FILTERS.forEach(name -> {
            if (parameters.containsKey(name)) {
                filterParameters.put(name, parameters.get(name));
            }
        });
        return switch (filters.parse(filterParameters)) {
            case FeedQueryParser.Result.Invalid invalid -> new Result.Invalid(invalid.message());
            case FeedQueryParser.Result.Parsed parsed -> {
                FeedQuery query = parsed.query();
                yield new Result.Parsed(new AnalyticsQuery(range, zone, Buckets.of(range, zone, now), query, top));
            }
        };
    }

    /** A parameter left empty (?tier=) is a parameter not given, as a form sends it. */
    private static boolean given(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        return value != null && !value.isBlank();
    }
}
