package dev.promptbench.app;

import java.time.Duration;
import java.util.List;

/**
 * The steps of a sweep and when it stops.
 *
 * @param steps           thread counts, ascending
 * @param requests        requests per step (the file is cycled when shorter)
 * @param repeats         how many times each step runs
 * @param untilSaturation stop at the knee instead of running every step ({@code --until saturation})
 * @param maxDuration     run no step that is expected to end after this much time, or null for no cap
 * @param target          search for the highest thread count that meets it (between the lowest and the
 *                        highest step) instead of running the steps, or null
 */
public record SweepPlan(List<Integer> steps, int requests, int repeats, boolean untilSaturation, Duration maxDuration,
                        SweepTarget target) {

    public SweepPlan {
        steps = List.copyOf(steps);
    }

    /** A sweep that runs every step. */
    public SweepPlan(List<Integer> steps, int requests, int repeats) {
        this(steps, requests, repeats, false, null, null);
    }

    /** The largest step: the connection pool's size. */
    public int maxThreads() {
        return steps.get(steps.size() - 1);
    }

    /**
     * Every request the sweep will send (warm-up and canary aside), at most: a search tries at most the
     * doubling steps from the lowest to the highest and as many bisections.
     */
    public long totalRequests() {
        return (long) plannedSteps() * requests * repeats;
    }

    /** How many steps run at most. */
    public int plannedSteps() {
        if (target == null) return steps.size();
        int doublings = 1;
        for (long t = steps.get(0); t < steps.get(steps.size() - 1); t *= 2) doublings++;
        return 2 * doublings;
    }
}
