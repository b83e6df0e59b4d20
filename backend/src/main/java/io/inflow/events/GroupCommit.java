package io.inflow.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Group commit: a write that arrives while another one is committing waits, and then all the writes
 * that waited commit together in one transaction, so one commit serves many batches instead of one
 * each. The group is taken only once the transaction has the database (write calls the supplier it
 * is given then), so writes that arrive while it waits for the lock still join it. Each caller
 * returns only after the transaction holding its write has committed. When a group fails, its
 * writes are tried one by one, so one bad write fails only its own caller.
 */
final class GroupCommit<T, R> {
    private record Pending<T, R>(T item, CompletableFuture<R> result) {}

    private final ReentrantLock leader = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final Function<Supplier<List<T>>, List<R>> write;
    private final ToIntFunction<T> weight;
    private final int maxWeight;

    /**
     * write opens a transaction, asks the supplier for its group (the same group however often it asks,
     * so a retried transaction writes the same items), stores it and answers one result per item, in
     * order; a group weighs at most maxWeight (or one item).
     */
    GroupCommit(Function<Supplier<List<T>>, List<R>> write, ToIntFunction<T> weight, int maxWeight) {
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
                    commitWaiting();
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

    private void commitWaiting() {
        List<Pending<T, R>> taken = new ArrayList<>();
        try {
            complete(taken, write.apply(() -> {
                if (taken.isEmpty()) {
                    taken.addAll(take());
                }
                return items(taken);
            }));
        } catch (RuntimeException | Error e) {
            if (taken.isEmpty()) {
                // the transaction failed before it took its group: the writes waiting now fail with it
                taken.addAll(take());
            }
            if (taken.size() == 1) {
                taken.get(0).result().completeExceptionally(e);
                return;
            }
            for (Pending<T, R> p : taken) {
                try {
                    complete(List.of(p), write.apply(() -> List.of(p.item())));
                } catch (RuntimeException | Error one) {
                    p.result().completeExceptionally(one);
                }
            }
        }
    }

    private void complete(List<Pending<T, R>> group, List<R> results) {
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(results.get(i));
        }
    }

    private List<T> items(List<Pending<T, R>> group) {
        List<T> items = new ArrayList<>(group.size());
        group.forEach(p -> items.add(p.item()));
        return items;
    }
}
