package dev.promptbench.app;

import dev.promptbench.run.Arrival;
import dev.promptbench.run.Plan;
import java.util.List;

/**
 * What a run measures and in which order: its modes as plans, which goes first, how many times each
 * runs, and how many real requests go out unmeasured first.
 *
 * @param mode           compare, sequential or parallel
 * @param plans          the modes to run, in the order of the first repeat
 * @param order          which mode of a compare run goes first
 * @param repeats        how many times each mode runs (1 or more)
 * @param warmupRequests real requests sent first and left out of the statistics
 */
public record Schedule(RunMode mode, List<Plan> plans, PassOrder order, int repeats, int warmupRequests) {

    public Schedule {
        plans = List.copyOf(plans);
    }

    /**
     * The plans for {@code mode}: the sequential one, the parallel one on {@code threads} workers (open loop
     * at {@code arrival} when it is not null), or both in {@code order}.
     */
    public static Schedule of(RunMode mode, PassOrder order, int threads, Arrival arrival, int repeats,
                              int warmupRequests) {
        Plan sequential = new Plan.Sequential();
        Plan parallel = arrival != null ? new Plan.OpenLoop(arrival, threads) : new Plan.Parallel(threads);
        List<Plan> plans = switch (mode) {
            case SEQUENTIAL -> List.of(sequential);
            case PARALLEL -> List.of(parallel);
            case COMPARE -> order == PassOrder.PAR_FIRST ? List.of(parallel, sequential) : List.of(sequential, parallel);
        };
        return new Schedule(mode, plans, order, repeats, warmupRequests);
    }

    /** The parallel pool size (or 1 when only the sequential mode runs). */
    public int threads() {
        return plans.stream().mapToInt(Plan::workers).max().orElse(1);
    }
}
