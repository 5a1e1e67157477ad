package io.xmonitor.ingest;

/** Why one item of a request was not accepted; {@code index} is its position in {@code items}. */
public record ItemError(int index, String message) {
}
