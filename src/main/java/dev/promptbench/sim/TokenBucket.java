package dev.promptbench.sim;

/**
 * A bucket that refills continuously up to its capacity and is drawn down by admissions. Not
 * thread-safe: its owner holds the lock. Starts full, as a deployment that has been quiet would.
 */
final class TokenBucket {

    /** Float slack, so a bucket refilled for exactly the right time is not one nanosecond short. */
    private static final double SLACK = 1e-9;

    private final double capacity;
    private final double perNano;
    private double level;
    private long last;

    /**
     * @param capacity the most it holds (the burst)
     * @param perNano  how much it refills per nanosecond of the limiter's clock
     * @param now      the clock's reading at creation
     */
    TokenBucket(double capacity, double perNano, long now) {
        this.capacity = capacity;
        this.perNano = perNano;
        this.level = capacity;
        this.last = now;
    }

    /** Adds what flowed in since the last reading; a clock that stands still or steps back adds nothing. */
    void refill(long now) {
        if (now > last) {
            level = Math.min(capacity, level + (now - last) * perNano);
            last = now;
        }
    }

    /**
     * Nanoseconds until the bucket holds {@code amount}, 0 if it does now. An amount above the
     * capacity waits only for a full bucket: the debt it leaves is paid by the requests after it.
     */
    long nanosUntil(double amount) {
        double wanted = Math.min(amount, capacity);
        double missing = wanted - level;
        return missing <= SLACK ? 0 : (long) Math.ceil(missing / perNano);
    }

    /** Removes {@code amount}; the level may go below zero (a debt). */
    void take(double amount) {
        level -= amount;
    }

    /** Whole units available now, never negative. */
    long available() {
        return (long) Math.floor(Math.max(0, level) + SLACK);
    }
}
