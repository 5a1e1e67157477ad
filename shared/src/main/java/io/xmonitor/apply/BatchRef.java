package io.xmonitor.apply;

import java.time.Instant;
import java.util.UUID;

/** Which accepted batch a write belongs to. */
record BatchRef(UUID batchId, Instant acceptedAt) {
}
