package io.inflow.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Reads again until the answer is what the test waits for, or the time is up; the caller asserts on the last answer. */
public final class Eventually {
    private Eventually() {}

    public static <T> T within(Duration limit, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = read.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = read.get();
        }
        return last;
    }
}
