package io.xmonitor.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A post as the collector saw it; versioned by {@code last_seen_at}. */
public record PostUpsert(
        String statusId,
        String url,
        String authorHandle,
        String authorDisplay,
        String bodyText,
        String postedRelative,
        String sourceQuery,
        String watchTier,
        boolean isSignificant,
        String significanceReason,
        String significanceVersion,
        int likes,
        int reposts,
        int replies,
        int views,
        Integer initialLikes,
        Integer initialReposts,
        Integer initialReplies,
        Integer initialViews,
        @JsonProperty("likes_24h") Integer likes24h,
        @JsonProperty("reposts_24h") Integer reposts24h,
        @JsonProperty("replies_24h") Integer replies24h,
        @JsonProperty("views_24h") Integer views24h,
        @JsonProperty("refresh_24h_at") Instant refresh24hAt,
        @JsonProperty("refresh_24h_status") String refresh24hStatus,
        @JsonProperty("refresh_24h_delta_likes") Integer refresh24hDeltaLikes,
        @JsonProperty("refresh_24h_delta_reposts") Integer refresh24hDeltaReposts,
        @JsonProperty("refresh_24h_delta_replies") Integer refresh24hDeltaReplies,
        @JsonProperty("refresh_24h_delta_views") Integer refresh24hDeltaViews,
        Instant discoveredAt,
        Instant lastSeenAt) implements IngestItem {

    @Override
    public String key() {
        return statusId;
    }

    @Override
    public Instant version() {
        return lastSeenAt;
    }
}
