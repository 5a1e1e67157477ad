package io.xmonitor.testing;

import java.util.Arrays;

/** How benchmarks time a call: some untimed runs first, then each timed run in milliseconds, sorted. */
public final class Timings {

    @FunctionalInterface
    public interface Call {
        Object run() throws Exception;
    }

    private Timings() {
    }

    public static double[] sortedMillis(int warmUps, int runs, Call call) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            call.run();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    public static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    public static double p95(double[] sorted) {
        return sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
    }
}
