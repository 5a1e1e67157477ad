package io.xmonitor.analytics;

import io.xmonitor.feed.FeedQuery;
import java.time.ZoneId;

/**
 * A trends or engagement request, checked: its range and zone, the buckets they give, the feed's
 * filters (tier, handles, significance, text; no dates, limit or position) and how many top
 * handles and posts to rank.
 */
public record AnalyticsQuery(AnalyticsRange range, ZoneId zone, Buckets buckets, FeedQuery filters, int top) {
}
