package io.xmonitor.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.feed.ReadModels.FeedItem;
import io.xmonitor.feed.ReadModels.WindowSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the trends, engagement and history routes answer (docs/openapi.v1.yaml). */
public final class AnalyticsModels {

    private AnalyticsModels() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostCounts(long posts, long significant) {

        static PostCounts of(Tally tally) {
            return new PostCounts(tally.posts(), tally.significant());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TrendBucket(Instant start, Instant end, long posts, long significant, Map<String, PostCounts> tiers) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Trends(String range, String timeZone, String bucket, Instant start, Instant end, PostCounts totals,
                         Map<String, PostCounts> tiers, List<TrendBucket> buckets) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figures(long posts, long significant, long likes, long reposts, long replies, long views, long score) {

        static Figures of(Tally tally) {
            return new Figures(tally.posts(), tally.significant(), tally.likes(), tally.reposts(), tally.replies(), tally.views(),
                    tally.score());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EngagementBucket(Instant start, Instant end, long posts, long significant, long likes, long reposts,
                                   long replies, long views, long score) {

        static EngagementBucket of(Instant start, Instant end, Tally tally) {
            return new EngagementBucket(start, end, tally.posts(), tally.significant(), tally.likes(), tally.reposts(),
                    tally.replies(), tally.views(), tally.score());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TopHandle(String handle, long posts, long significant, long likes, long reposts, long replies, long views,
                            long score) {

        static TopHandle of(String handle, Tally tally) {
            return new TopHandle(handle, tally.posts(), tally.significant(), tally.likes(), tally.reposts(), tally.replies(),
                    tally.views(), tally.score());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TopPost(long score, FeedItem post) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Engagement(String range, String timeZone, String bucket, Instant start, Instant end, String score,
                             Figures totals, Map<String, Figures> tiers, List<EngagementBucket> buckets,
                             List<TopHandle> topHandles, List<TopPost> topPosts) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WindowSummaryPage(List<WindowSummary> items, String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BasisWindow(String summaryKey, String windowType, Instant windowStart, Instant windowEnd, int postCount,
                              int significantCount) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NarrativeShift(String shiftKey, String basisWindowType, Instant periodStart, Instant periodEnd,
                                 Instant generatedAt, JsonNode sourceSummaryKeys,
                                 JsonNode emergingThemes,
                                 JsonNode decliningThemes,
                                 JsonNode debateIntensity,
                                 JsonNode positionShifts, String summaryText,
                                 String sourceVersion, List<BasisWindow> basisWindows) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NarrativeShiftPage(List<NarrativeShift> items, String nextCursor) {
    }
}
