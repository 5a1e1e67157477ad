package io.xmonitor.snapstart;

import io.xmonitor.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Warms a function's request path before Lambda SnapStart takes its snapshot, so that restored
 * copies start with those classes loaded, linked and compiled instead of paying for it on their
 * first request. A warm-up runs only our own code on built-in samples: it must not reach the
 * network, the database or a secret, because anything it fetched would be frozen into every copy;
 * those are read on the first request after restore, as without SnapStart.
 *
 * <p>Outside SnapStart (a plain JVM, tests, the local stack) nothing calls the hook. Lambda's
 * runtime keeps registered resources weakly, so the function keeps the returned registration.
 */
public final class SnapshotPriming implements Resource {

    private final String function;
    private final Runnable warmUp;

    private SnapshotPriming(String function, Runnable warmUp) {
        this.function = function;
        this.warmUp = warmUp;
    }

    /** Registers {@code warmUp} to run before the snapshot; keep the answer for as long as the function lives. */
    public static SnapshotPriming register(String function, Runnable warmUp) {
        SnapshotPriming priming = new SnapshotPriming(function, warmUp);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Runs the warm-up now and says how long it took; a failing warm-up costs speed, never the snapshot. */
    public long prime() {
        long started = System.nanoTime();
        try {
            warmUp.run();
            long millis = (System.nanoTime() - started) / 1_000_000;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("function", function);
            fields.put("ms", millis);
            JsonLog.info("snapshot_primed", fields);
            return millis;
        } catch (RuntimeException | LinkageError e) {
            JsonLog.error("snapshot_priming_failed", Map.of("function", function, "error", String.valueOf(e)));
            return -1;
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing was captured that needs renewing: connections and secrets are opened on first use.
    }
}
