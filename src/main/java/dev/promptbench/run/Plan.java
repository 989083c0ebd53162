package dev.promptbench.run;

import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.ModeStatistics;
import dev.promptbench.stats.ModeSummary;

/** How one mode of a run sends its prompts. */
public sealed interface Plan permits Plan.Sequential, Plan.Parallel, Plan.OpenLoop {

    /** The mode this plan measures. */
    Mode mode();

    /** How many requests may be in flight at once (the size of the worker pool). */
    int workers();

    /** Statistics for one repeat of this plan, as a run measures them. */
    default ModeStatistics statistics(int repeat) {
        return new ModeStatistics(mode(), repeat, workers(), this instanceof OpenLoop open
                ? new ModeSummary.RateFigures(open.arrival().toString(), open.arrival().rate(), 0) : null);
    }

    /** One request at a time, in file order, on a single worker. */
    record Sequential() implements Plan {
        @Override public Mode mode() { return Mode.SEQUENTIAL; }
        @Override public int workers() { return 1; }
    }

    /** A fixed pool of {@code threads} workers, each taking the next prompt when it is free (closed loop). */
    record Parallel(int threads) implements Plan {
        public Parallel {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        @Override public Mode mode() { return Mode.PARALLEL; }
        @Override public int workers() { return threads; }
    }

    /**
     * Requests scheduled by an arrival process, whatever the service does (open loop), with at most
     * {@code threads} in flight. A request that finds no free worker waits, and that wait counts in
     * its latency, so a stalled service shows in the numbers instead of slowing the sender.
     */
    record OpenLoop(Arrival arrival, int threads) implements Plan {
        public OpenLoop {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        @Override public Mode mode() { return Mode.PARALLEL; }
        @Override public int workers() { return threads; }
    }
}
