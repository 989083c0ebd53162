package dev.promptbench.cli;

/**
 * The process exit codes, one table for every command. When several apply, the most severe wins:
 * 5 &gt; 4 &gt; 130/143 &gt; 3 &gt; 1 &gt; 0.
 */
public final class ExitCode {
    /** Every request succeeded (a filtered answer alone does not fail a run). */
    public static final int OK = 0;
    /** Some requests ended in error. */
    public static final int REQUESTS_FAILED = 1;
    /** Bad usage, input or configuration. */
    public static final int USAGE = 2;
    /** A --fail-if threshold was breached. */
    public static final int THRESHOLD = 3;
    /** The endpoint refused us for good (401, 403, 404, an unsupported parameter, a used-up quota). */
    public static final int FATAL_ENDPOINT = 4;
    /** A bug or an unexpected I/O failure in promptbench itself. */
    public static final int INTERNAL = 5;
    /** A Batch API submission has not finished yet: ask again later (or with --wait). */
    public static final int NOT_FINISHED = 6;
    /** Interrupted by SIGINT (Ctrl-C). */
    public static final int INTERRUPTED = 130;
    /** Terminated by SIGTERM. */
    public static final int TERMINATED = 143;

    /** From least to most severe: the order {@link #mostSevere} picks by. */
    private static final java.util.List<Integer> SEVERITY = java.util.List.of(OK, REQUESTS_FAILED, THRESHOLD,
            INTERRUPTED, TERMINATED, FATAL_ENDPOINT, INTERNAL);

    private ExitCode() {}

    /** The exit code when several apply: 5 &gt; 4 &gt; 143 &gt; 130 &gt; 3 &gt; 1 &gt; 0. */
    public static int mostSevere(int... codes) {
        int worst = OK;
        for (int code : codes) {
            if (!SEVERITY.contains(code)) throw new IllegalArgumentException("no severity for exit code " + code);
            if (SEVERITY.indexOf(code) > SEVERITY.indexOf(worst)) worst = code;
        }
        return worst;
    }
}
