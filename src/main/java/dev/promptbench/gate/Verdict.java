package dev.promptbench.gate;

/**
 * One threshold checked against a run.
 *
 * @param threshold the threshold as written, e.g. {@code p95>2s}
 * @param metric    what was read, e.g. "parallel p95"
 * @param actual    the run's value in the JSON document's unit, or null when the run has none
 * @param limit     the value it was compared with (for a relative threshold, derived from the baseline), or null
 *                  when it could not be known
 * @param passed    false when the failing condition held or the value was missing
 * @param message   one line for people, e.g. "parallel p95 2.31 s > 2 s"
 */
public record Verdict(String threshold, String metric, Double actual, Double limit, boolean passed, String message) {

    /** True when the verdict failed because a value was missing rather than because a limit was crossed. */
    public boolean missing() {
        return !passed && (actual == null || limit == null);
    }
}
