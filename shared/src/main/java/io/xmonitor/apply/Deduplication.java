package io.xmonitor.apply;

import io.xmonitor.ingest.IngestItem;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * PostgreSQL refuses to update one row twice in one statement, and rows taken in one order by
 * every consumer cannot deadlock: so each batch is collapsed to one item per key (the newest
 * version; on a tie, the later item) and sorted by key before it is written.
 */
final class Deduplication {

    private Deduplication() {
    }

    static List<IngestItem> latestPerKey(List<? extends IngestItem> items) {
        TreeMap<String, IngestItem> byKey = new TreeMap<>();
        for (IngestItem item : items) {
            byKey.merge(item.key(), item, Deduplication::newer);
        }
        return new ArrayList<>(byKey.values());
    }

    private static IngestItem newer(IngestItem current, IngestItem candidate) {
        if (current.version() == null || candidate.version() == null) {
            return candidate;
        }
        return candidate.version().isBefore(current.version()) ? current : candidate;
    }
}
