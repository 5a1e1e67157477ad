package io.xmonitor.feed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The feed's filters, parsed and checked; the cursor, when present, is verified. */
public record FeedQuery(
        Optional<Instant> since,
        Optional<Instant> until,
        Optional<String> tier,
        List<String> handles,
        Optional<Boolean> significant,
        Optional<String> text,
        int limit,
        Optional<FeedCursor.Position> after) {

    public FeedQuery {
        handles = List.copyOf(handles);
    }
}
