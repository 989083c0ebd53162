package dev.promptbench.cli;

import dev.promptbench.app.SessionSpec;
import dev.promptbench.control.Breaker;
import dev.promptbench.control.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How failed requests are retried, and how long a stopping run waits for requests in flight. */
final class RetryOptions {
    private static final RetryPolicy DEFAULTS = RetryPolicy.defaults();

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5", order = 60,
            description = "Retries of 5xx, 408, 409, connection failures and malformed answers, with exponential "
                    + "back-off and full jitter (default: ${DEFAULT-VALUE}). 429s are bounded by --max-wait instead.")
    int retries = 5;

    @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            order = 61, description = "Longest total wait between attempts of one prompt, Retry-After included "
                    + "(default: ${DEFAULT-VALUE}). A 429 asking for longer is not retried.")
    Duration maxWait = Duration.ofMinutes(10);

    @Option(names = "--no-retry-after-send", order = 62,
            description = "Do not retry a timeout or a connection lost after the request was sent (it may have "
                    + "been processed and billed).")
    boolean noRetryAfterSend;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            order = 63, description = "On Ctrl-C or SIGTERM, how long requests in flight may finish "
                    + "(default: ${DEFAULT-VALUE}); a second Ctrl-C quits at once.")
    Duration grace = Duration.ofSeconds(5);

    @Option(names = "--canary-timeout", paramLabel = "DURATION", converter = DurationConverter.class, order = 64,
            description = "Bound of each attempt of the canary, the one request sent alone before the batch "
                    + "(default: the smaller of --timeout and 30s). No answer within it stops the run (exit 4).")
    Duration canaryTimeout;

    @Option(names = "--no-canary", order = 65,
            description = "Send no canary: start the batch at once, even against an endpoint that cannot answer.")
    boolean noCanary;

    @Option(names = "--breaker", paramLabel = "N", order = 66,
            description = "Stop the run (exit 4, the rest recorded not_run) after N connection failures or timeouts "
                    + "in a row across workers with no success in between (default: twice --threads, at least 10; "
                    + "0 turns it off).")
    Integer breaker;

    /** The circuit breaker's threshold for a pool of {@code threads}. */
    int breaker(int threads) {
        if (breaker == null) return Breaker.defaultThreshold(threads);
        if (breaker < 0) throw new UsageException("--breaker must be 0 (off) or more (got " + breaker + ")");
        return breaker;
    }

    /** The canary's bound, or null with --no-canary. */
    Duration canary(Duration requestTimeout) {
        if (noCanary) return null;
        if (canaryTimeout == null) return SessionSpec.defaultCanaryBound(requestTimeout);
        FlagCheck.longerThanZero("--canary-timeout", canaryTimeout, "or use --no-canary");
        return canaryTimeout;
    }

    RetryPolicy policy() {
        FlagCheck.atLeast("--retries", retries, 0);
        return new RetryPolicy(retries, maxWait, !noRetryAfterSend, DEFAULTS.baseDelay(), DEFAULTS.maxDelay());
    }
}
