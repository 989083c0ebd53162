package dev.promptbench.run;

/**
 * Gives each request its scheduled send time. Closed-loop plans send as soon as a worker is free;
 * an open-loop plan follows its arrival process from the first request on.
 */
interface Pacer {
    /** The scheduled send time of the next request, given the time now; called in dispatch order. */
    long next(long nowNanos);

    static Pacer of(Plan plan) {
        if (plan instanceof Plan.OpenLoop open) {
            Arrival.Gaps gaps = open.arrival().gaps();
            return new Pacer() {
                private long nextAt = Long.MIN_VALUE;

                @Override public long next(long nowNanos) {
                    if (nextAt == Long.MIN_VALUE) nextAt = nowNanos;
                    long scheduled = nextAt;
                    nextAt += gaps.nextNanos();
                    return scheduled;
                }
            };
        }
        return nowNanos -> nowNanos;
    }
}
