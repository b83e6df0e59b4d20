package io.inflow.events;

import io.inflow.web.Problem;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A bounded queue in front of the event writer: at most {@code capacity} batches are written or
 * waiting to be written at once. A batch beyond that is refused at once with 429 and a
 * Retry-After, instead of piling up threads and memory while the store is slow.
 */
public final class WriteGate {
    private final Semaphore slots;
    private final int retryAfterSeconds;

    public WriteGate(int capacity, int retryAfterSeconds) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.slots = new Semaphore(capacity, true);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public <T> T admit(Supplier<T> write) {
        if (!slots.tryAcquire()) {
            throw Problem.tooManyRequests("the event store is busy; send the batch again after " + retryAfterSeconds + " s",
                    retryAfterSeconds);
        }
        try {
            return write.get();
        } finally {
            slots.release();
        }
    }
}
