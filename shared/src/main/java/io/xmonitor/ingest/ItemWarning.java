package io.xmonitor.ingest;

/**
 * A field of an accepted item whose value was dropped, cut or replaced because it could not be
 * stored as sent; the item itself is queued. {@code index} is its position in {@code items}.
 */
public record ItemWarning(int index, String field, String message) {
}
