package dev.promptbench.cli;

import java.time.Duration;

/**
 * The range checks every numeric or duration flag needs, each with its one wording ("--retries must be 0 or
 * more (got -1)"), so that no two flags say the same thing differently. A flag not given (null) passes; an
 * infinite or NaN value never does.
 */
final class FlagCheck {
    private FlagCheck() {}

    /** {@code value} is {@code least} or more: "must be at least 1", or for 0 "must be 0 or more". */
    static void atLeast(String flag, Number value, long least) {
        if (value == null || value.doubleValue() >= least && Double.isFinite(value.doubleValue())) return;
        throw new UsageException(flag + " must be " + (least == 0 ? "0 or more" : "at least " + least)
                + " (got " + value + ")");
    }

    /** {@code value} is from {@code low} to {@code high}, both included. */
    static void between(String flag, Number value, Number low, Number high) {
        if (value == null || value.doubleValue() >= low.doubleValue() && value.doubleValue() <= high.doubleValue()) {
            return;
        }
        throw new UsageException(flag + " must be between " + low + " and " + high + " (got " + value + ")");
    }

    /** {@code value} is above {@code bound}. */
    static void above(String flag, Number value, long bound) {
        if (value == null || value.doubleValue() > bound && Double.isFinite(value.doubleValue())) return;
        throw new UsageException(flag + " must be above " + bound + " (got " + value + ")");
    }

    /** {@code value} is longer than 0; {@code why}, when not null, follows in brackets. */
    static void longerThanZero(String flag, Duration value, String why) {
        if (value == null || !value.isZero()) return;
        throw new UsageException(flag + " must be longer than 0" + (why == null ? "" : " (" + why + ")"));
    }
}
