package io.inflow.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Group commit: a write that arrives while another one is committing waits, and then all the writes
 * that waited commit together in one transaction, so one sync to disk serves many batches instead of
 * one each (the sync, not the CPU, bounds how many small transactions a disk takes per second).
 * Each caller still returns only after the transaction holding its write has committed. When a group
 * fails, its writes are tried one by one, so one bad write fails only its own caller.
 */
final class GroupCommit<T, R> {
    private record Pending<T, R>(T item, CompletableFuture<R> result) {}

    private final ReentrantLock leader = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final Function<List<T>, List<R>> write;
    private final ToIntFunction<T> weight;
    private final int maxWeight;

    /** write stores a group in one transaction and answers one result per item, in order; a group weighs at most maxWeight (or one item). */
    GroupCommit(Function<List<T>, List<R>> write, ToIntFunction<T> weight, int maxWeight) {
        this.write = write;
        this.weight = weight;
        this.maxWeight = maxWeight;
    }

    R submit(T item) {
        Pending<T, R> mine = new Pending<>(item, new CompletableFuture<>());
        waiting.add(mine);
        while (!mine.result().isDone()) {
            leader.lock();
            try {
                if (!mine.result().isDone()) {
                    commit(take());
                }
            } finally {
                leader.unlock();
            }
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The oldest waiting writes, up to the weight limit. */
    private List<Pending<T, R>> take() {
        List<Pending<T, R>> group = new ArrayList<>();
        int total = 0;
        for (Pending<T, R> next = waiting.peek(); next != null; next = waiting.peek()) {
            int w = weight.applyAsInt(next.item());
            if (!group.isEmpty() && total + w > maxWeight) {
                break;
            }
            group.add(waiting.poll());
            total += w;
        }
        return group;
    }

    private void commit(List<Pending<T, R>> group) {
        if (group.isEmpty()) {
            return;
        }
        try {
            List<R> results = write.apply(group.stream().map(Pending::item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(e);
                return;
            }
            for (Pending<T, R> p : group) {
                commit(List.of(p));
            }
        }
    }
}
