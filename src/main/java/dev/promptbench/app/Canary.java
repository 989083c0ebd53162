package dev.promptbench.app;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import dev.promptbench.control.Sleeper;
import dev.promptbench.results.CanaryReport;
import java.time.Duration;

/**
 * One request sent alone before the batch, with a completion limit of one token: it opens the real
 * connection (TLS included) and catches a wrong key, deployment or parameter before anything is
 * queued. A transient failure is retried twice, then skipped: it never stops a batch by itself.
 */
final class Canary {
    private static final Duration[] BACKOFF = {Duration.ofMillis(500), Duration.ofSeconds(2)};

    private final Responder responder;
    private final Sleeper sleeper;

    Canary(Responder responder, Sleeper sleeper) {
        this.responder = responder;
        this.sleeper = sleeper;
    }

    /** The canary's verdict: fine, skipped, or a fatal message. */
    record Verdict(CanaryReport report, String fatalMessage) {}

    Verdict send(ChatRequest request, Endpoint endpoint) throws InterruptedException {
        Outcome outcome = null;
        for (int attempt = 0; attempt <= BACKOFF.length; attempt++) {
            // A new attempt number: a server that keys its draws by attempt (the simulator) draws anew.
            outcome = responder.call(request.withAttempt(attempt + 1), endpoint);
            if (!(outcome instanceof Outcome.Failure failure) || !failure.kind().isTransient()) break;
            if (attempt < BACKOFF.length) sleeper.sleep(BACKOFF[attempt]);
        }
        Double latencyMs = outcome.timing().latencyNanos() / 1e6;
        if (outcome instanceof Outcome.Success) {
            return new Verdict(new CanaryReport("ok", outcome.httpStatus(), latencyMs, null), null);
        }
        Outcome.Failure failure = (Outcome.Failure) outcome;
        String message = failure.kind().wireName() + (failure.code() == null ? "" : " " + failure.code())
                + ": " + failure.message();
        if (isFatal(failure.kind())) {
            return new Verdict(new CanaryReport("error", failure.httpStatus(), latencyMs, message),
                    fatalMessage(failure, endpoint));
        }
        return new Verdict(new CanaryReport("skipped", failure.httpStatus(), latencyMs, message), null);
    }

    /**
     * Fatal for the canary: the endpoint refused us for good, or nothing is listening there even after
     * the retries (no batch can do better).
     */
    private static boolean isFatal(ErrorKind kind) {
        return kind.isFatal() || kind == ErrorKind.BAD_REQUEST || kind == ErrorKind.CONNECT_FAILED;
    }

    private static String fatalMessage(Outcome.Failure failure, Endpoint endpoint) {
        // A TLS failure's message already says what to do (--ca-cert, --trust-store).
        if (failure.kind() == ErrorKind.TLS) return endpoint.displayUrl() + ": " + failure.message();
        String hint = switch (failure.kind()) {
            case UNAUTHORIZED -> "check the key (" + endpoint.credential().describe() + ") and that it belongs to "
                    + endpoint.origin();
            case CONNECT_FAILED -> "is the server running, and is the URL (and any proxy) right?";
            case NOT_FOUND -> endpoint.deployment() != null
                    ? "check the deployment name '" + endpoint.deployment() + "' (the deployment, not the model name)"
                    : "check the URL and the model name '" + endpoint.model() + "'";
            default -> "the endpoint rejected the request itself (an unsupported parameter?)";
        };
        String what = failure.httpStatus() == null
                ? "could not be reached by the canary request"
                : "answered HTTP " + failure.httpStatus() + " to the canary request";
        return endpoint.displayUrl() + " " + what + ": " + failure.message() + " — " + hint;
    }
}
