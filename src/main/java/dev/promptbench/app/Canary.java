package dev.promptbench.app;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.config.EndpointUrls;
import dev.promptbench.results.CanaryReport;
import dev.promptbench.results.request.ThrottleCause;
import java.time.Duration;

/**
 * One request sent alone before the batch, with a completion limit of one token: it opens the real
 * connection (TLS included) and decides whether the batch may start. An endpoint that refuses us (401,
 * 403, 404, a rejected parameter), cannot be reached, or does not answer within the canary's own bound
 * stops the run before anything is queued; nobody pays attempts x timeout x prompts for a server that
 * is gone. A quick transient failure is retried (at most twice, never more than {@code --retries}); a
 * timeout of any kind is not, as the bounds are already generous for one token.
 *
 * @param responder sends the canary, each call bounded by {@code bound}
 * @param retries   the run's {@code --retries}: the canary retries at most that often (and at most twice)
 * @param bound     the canary's own bound ({@code --canary-timeout}), for its message
 */
record Canary(Responder responder, Sleeper sleeper, int retries, Duration bound) {
    /** The canary's bound unless --canary-timeout says otherwise: a live endpoint answers one token sooner. */
    static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);
    /** A failed attempt that took at least this long is not tried again. */
    private static final Duration SLOW = Duration.ofSeconds(1);
    private static final Duration[] BACKOFF = {Duration.ofMillis(500), Duration.ofSeconds(2)};

    Canary {
        retries = Math.min(retries, BACKOFF.length);
    }

    /** The canary's default bound: the smaller of the request timeout and 30 s. */
    static Duration defaultBound(Duration requestTimeout) {
        return requestTimeout.compareTo(DEFAULT_BOUND) < 0 ? requestTimeout : DEFAULT_BOUND;
    }

    /** The canary's verdict: fine, skipped, cancelled, or a fatal message (one line). */
    record Verdict(CanaryReport report, String fatalMessage) {
        /** True when a cancel (Ctrl-C, SIGTERM) stopped the canary: what it was to open must not start. */
        boolean cancelled() {
            return report != null && "cancelled".equals(report.status());
        }

        /** What a run or a sweep says when a cancel during the canary stopped it before {@code what} started. */
        static String notStarted(String what) {
            return "stopped before the " + what + " started: no prompt was sent, no results file was written";
        }
    }

    /** The verdict when no canary was asked for: nothing to report, nothing fatal. */
    static final Verdict NOT_SENT = new Verdict(null, null);

    /** The verdict of a canary stopped by a cancel (Ctrl-C) before it had one. */
    static Verdict cancelled() {
        return new Verdict(new CanaryReport("cancelled", null, null, "cancelled"), null);
    }

    Verdict send(ChatRequest request, Endpoint endpoint) throws InterruptedException {
        Outcome outcome = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            // A new attempt number: a server that keys its draws by attempt (the simulator) draws anew.
            outcome = responder.call(request.withAttempt(attempt + 1), endpoint);
            if (!(outcome instanceof Outcome.Failure failure) || !failure.kind().isTransient() || failure.stopsRun()) {
                break;
            }
            // Only a quick failure is tried again (a refused connection while a server starts, a passing 5xx). No
            // answer within the bound, or a connection that could not be set up in time: waiting again rarely helps.
            if (failure.kind() == ErrorKind.TIMEOUT || outcome.timing().latencyNanos() >= SLOW.toNanos()) break;
            if (attempt < retries) sleeper.sleep(BACKOFF[attempt]);
        }
        Double latencyMs = outcome.timing().latencyNanos() / 1e6;
        if (outcome instanceof Outcome.Success) {
            return new Verdict(new CanaryReport("ok", outcome.httpStatus(), latencyMs, null), null);
        }
        Outcome.Failure failure = (Outcome.Failure) outcome;
        // A 429 says why (token rate, capacity, quota, ...): each wants another reaction before the batch.
        String message = failure.kind().wireName() + (failure.code() == null ? "" : " " + failure.code())
                + (failure.throttle() == null || failure.throttle() == ThrottleCause.UNKNOWN ? ""
                        : " (" + failure.throttle().wireName() + ")")
                + ": " + failure.message();
        if (failure.kind() == ErrorKind.INTERRUPTED) {
            return new Verdict(new CanaryReport("cancelled", null, latencyMs, message), null);
        }
        if (isFatal(failure.kind()) || failure.stopsRun()) {
            return new Verdict(new CanaryReport("error", failure.httpStatus(), latencyMs, message),
                    fatalMessage(failure, endpoint));
        }
        return new Verdict(new CanaryReport("skipped", failure.httpStatus(), latencyMs, message), null);
    }

    /**
     * Fatal for the canary: the endpoint refused us for good, or could not be reached or did not answer
     * even after the retries (no batch can do better). An endpoint that answers 429 or 5xx is alive: the
     * batch waits and retries as it does for any request.
     */
    private static boolean isFatal(ErrorKind kind) {
        return kind.isFatal() || kind == ErrorKind.BAD_REQUEST || kind == ErrorKind.CONNECT_FAILED
                || kind == ErrorKind.TIMEOUT || kind == ErrorKind.CONNECTION_LOST;
    }

    private String fatalMessage(Outcome.Failure failure, Endpoint endpoint) {
        String url = endpoint.displayUrl();
        return switch (failure.kind()) {
            // A TLS failure's message already says what to do (--ca-cert, --trust-store).
            case TLS -> url + ": " + failure.message();
            case CONNECT_FAILED -> url + ": " + failure.message().replaceFirst("^connect failed: ", "")
                    + " — is the server running, and is the URL (and any proxy) right?";
            case TIMEOUT -> url + ": no answer within " + format(bound)
                    + " (--canary-timeout; --no-canary skips the canary)";
            case CONNECTION_LOST -> url + ": the connection was closed before an answer came ("
                    + failure.message() + ")";
            default -> url + (failure.httpStatus() == null ? ": "
                    : " answered HTTP " + failure.httpStatus() + " to the canary request: ")
                    + failure.message() + " — " + hint(failure, endpoint);
        };
    }

    private static String hint(Outcome.Failure failure, Endpoint endpoint) {
        if (failure.throttle() == ThrottleCause.QUOTA_EXHAUSTED) return ThrottleCause.QUOTA_EXHAUSTED.advice();
        return switch (failure.kind()) {
            case UNAUTHORIZED -> "check the key (" + endpoint.credential().describe() + ") and that it belongs to "
                    + endpoint.origin();
            case NOT_FOUND -> {
                if (failure.httpStatus() != null && (failure.httpStatus() == 501 || failure.httpStatus() == 505)) {
                    yield "this server takes no chat requests (is it an OpenAI-compatible API, and the URL its own?)";
                }
                String nearest = EndpointUrls.nearestShape(endpoint.chatUrl(), endpoint.deployment());
                String name = endpoint.deployment() != null
                        ? "the deployment name '" + endpoint.deployment() + "' (the deployment, not the model name)"
                        : "the model name '" + endpoint.model() + "'";
                yield nearest == null ? "check " + name
                        : "check the URL: the nearest known shape is " + nearest + ", and " + name;
            }
            default -> "the endpoint rejected the request itself (an unsupported parameter?)";
        };
    }

    /** {@code 30s}, or {@code 300ms} when not whole seconds: as the flag is written. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
