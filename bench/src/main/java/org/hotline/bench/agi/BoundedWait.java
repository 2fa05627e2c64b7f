package org.hotline.bench.agi;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The benchmarks' one way to wait: poll a condition every 20 ms, give up after a limit. */
public final class BoundedWait {
    private BoundedWait() {
    }

    /** Waits until {@code condition} holds or {@code limit} has passed; returns whether it holds. */
    public static boolean until(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - end < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
