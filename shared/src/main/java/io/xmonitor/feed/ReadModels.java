package io.xmonitor.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the read routes answer. Nullable fields are written as {@code null}, not left out. */
public final class ReadModels {

    private ReadModels() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FeedItem(String statusId, Instant discoveredAt, String authorHandle, String authorDisplay, String watchTier,
                           String bodyText, String url, boolean isSignificant, String significanceReason,
                           int likes, int reposts, int replies, int views, Instant reportedAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FeedPage(List<FeedItem> items, String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LatestKey(String statusId, Instant discoveredAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MetricsSnapshot(String snapshotType, Instant snapshotAt, int likes, int reposts, int replies,
                                  int views, String source) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(Instant reportedAt, String channel, String summary, String destination) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostDetail(FeedItem post, List<MetricsSnapshot> snapshots, Report report) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WindowSummary(String summaryKey, String windowType, Instant windowStart, Instant windowEnd,
                                Instant generatedAt, int postCount, int significantCount, JsonNode tierCounts,
                                JsonNode topThemes, JsonNode debates, JsonNode topAuthors, JsonNode notablePosts,
                                String summaryText, String sourceVersion) {
    }

    /** Keyed by window type; {@code items} holds the same summaries as a list, as the previous system's dashboard reads them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LatestSummaries(@JsonProperty("rolling_2h") WindowSummary rolling2h,
                                  @JsonProperty("rolling_12h") WindowSummary rolling12h,
                                  List<WindowSummary> items) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WatchAccount(String handle, String tier, String note, Instant addedAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WatchAccounts(List<WatchAccount> items) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BatchStatus(String batchId, String kind, int itemCount, Instant acceptedAt, Instant appliedAt,
                              int rowsWritten, int rowsParked) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReconcileCounts(Instant since, Instant generatedAt, Map<String, Long> counts) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Health(boolean ok, String service, String version, String database, Instant timestamp,
                         long durationMs, String environment) {
    }
}
