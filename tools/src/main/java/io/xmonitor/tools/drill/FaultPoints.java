package io.xmonitor.tools.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Where in the traffic each fault happens. When the answered items reach a point, collectors
 * hold before their next batch until the fault has begun, so it always strikes at its point
 * however fast the traffic runs; traffic then continues through the fault.
 */
final class FaultPoints implements Collectors.Gate {

    /** One fault's point: reached by the traffic, begun by the injector. */
    static final class Point {
        private final long atItems;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch begun = new CountDownLatch(1);

        Point(long atItems) {
            this.atItems = atItems;
        }

        /** Waits until the traffic reaches the point; false when it ended before. */
        boolean awaitReached(FaultPoints points) throws InterruptedException {
            reached.await();
            return !points.finished;
        }

        void begun() {
            begun.countDown();
        }
    }

    private final List<Point> points = new ArrayList<>();
    private volatile boolean finished;

    Point at(long atItems) {
        Point point = new Point(atItems);
        points.add(point);
        return point;
    }

    @Override
    public boolean pass(long itemsAnswered) throws InterruptedException {
        for (Point point : points) {
            if (itemsAnswered >= point.atItems) {
                point.reached.countDown();
                point.begun.await();
            }
        }
        return true;
    }

    /** The traffic is over: points not reached will not be. */
    void finish() {
        finished = true;
        points.forEach(point -> {
            point.reached.countDown();
            point.begun.countDown();
        });
    }
}
