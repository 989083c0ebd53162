package dev.promptbench.stats;

import java.util.PriorityQueue;

/**
 * The shortest wall time a fixed pool could have reached with the service times it measured:
 * replay them in submission order through {@code slots} slots, each job to the slot that frees
 * first (list scheduling), and take the makespan. Exact for equal jobs: 400 x 200 ms on 32 slots
 * gives 13 waves, 2.6 s.
 */
public final class LowerBound {
    private LowerBound() {}

    /** The makespan in nanoseconds of {@code serviceNanos}, taken in order, on {@code slots} slots. */
    public static long makespanNanos(long[] serviceNanos, int count, int slots) {
        if (slots < 1) throw new IllegalArgumentException("slots must be at least 1");
        PriorityQueue<Long> freeAt = new PriorityQueue<>(Math.min(slots, Math.max(1, count)));
        long makespan = 0;
        for (int i = 0; i < count; i++) {
            long start = freeAt.size() < slots ? 0 : freeAt.poll();
            long end = start + serviceNanos[i];
            freeAt.add(end);
            makespan = Math.max(makespan, end);
        }
        return makespan;
    }
}
