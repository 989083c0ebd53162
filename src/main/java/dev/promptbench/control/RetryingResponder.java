package dev.promptbench.control;

import dev.promptbench.client.Attempts;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import dev.promptbench.run.Ticker;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A responder that sends a failed request again as its {@link RetryPolicy} decides, closes the
 * shared {@link CooldownGate} on every 429 it retries, and returns the last attempt's outcome with
 * the attempt history, so retries never silently inflate latency.
 */
public final class RetryingResponder implements Responder {
    private final Responder inner;
    private final RetryPolicy policy;
    private final CooldownGate cooldown;
    private final Sleeper sleeper;
    private final Ticker ticker;
    private final DoubleSupplier random;
    private final AttemptListener attempts;

    /**
     * @param random uniform draws in [0, 1) for the jitter, called on the worker's thread
     *               (e.g. {@code () -> ThreadLocalRandom.current().nextDouble()})
     */
    public RetryingResponder(Responder inner, RetryPolicy policy, CooldownGate cooldown, Sleeper sleeper,
                             Ticker ticker, DoubleSupplier random) {
        this(inner, policy, cooldown, sleeper, ticker, random, AttemptListener.none());
    }

    /**
     * As above, telling {@code attempts} of each attempt as it goes and its outcome as it comes
     * (adaptive concurrency and the budgets' calibration listen).
     */
    public RetryingResponder(Responder inner, RetryPolicy policy, CooldownGate cooldown, Sleeper sleeper,
                             Ticker ticker, DoubleSupplier random, AttemptListener attempts) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.inner = Objects.requireNonNull(inner, "inner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Sends {@code request}, then retries while the policy says so. Never throws for a per-request
     * failure; when interrupted while waiting it returns the last outcome with the interrupt flag
     * restored.
     */
    @Override
    public Outcome call(ChatRequest request, Endpoint endpoint) {
        Outcome outcome = send(request, endpoint);
        int count = 1;
        int rateLimited = isRateLimited(outcome) ? 1 : 0;
        int afterSend = 0;
        long waited = 0;
        while (outcome instanceof Outcome.Failure failure) {
            RetryPolicy.Decision decision =
                    policy.next(failure, new Attempts(count, waited, rateLimited, afterSend), random.getAsDouble());
            if (!(decision instanceof RetryPolicy.Retry retry)) {
                break;
            }
            if (failure.kind() == ErrorKind.RATE_LIMITED) {
                // Everyone holds back, not just this worker: the limit is shared.
                cooldown.closeFor(retry.delay());
            }
            long start = ticker.nanoTime();
            try {
                sleeper.sleep(retry.delay());
                // Another worker's 429 may have closed the gate for longer than this one asked.
                cooldown.awaitOpen();
            } catch (InterruptedException cancelled) {
                waited += ticker.nanoTime() - start;
                Thread.currentThread().interrupt();
                break;
            }
            waited += ticker.nanoTime() - start;
            if (failure.kind() == ErrorKind.TIMEOUT || failure.kind() == ErrorKind.CONNECTION_LOST) {
                afterSend++;
            }
            count++;
            outcome = send(request.withAttempt(count), endpoint);
            if (isRateLimited(outcome)) {
                rateLimited++;
            }
        }
        return outcome.withAttempts(new Attempts(count, waited, rateLimited, afterSend));
    }

    /** One attempt, told to the listener before it goes and when it has its outcome. */
    private Outcome send(ChatRequest attempt, Endpoint endpoint) {
        attempts.sending(endpoint, attempt);
        Outcome outcome = null;
        try {
            outcome = inner.call(attempt, endpoint);
            return outcome;
        } finally {
            // Also when the call throws (null): a listener that counts attempts in flight must hear of its end.
            attempts.attempted(endpoint, attempt, outcome);
        }
    }

    private static boolean isRateLimited(Outcome outcome) {
        return outcome instanceof Outcome.Failure failure && failure.kind() == ErrorKind.RATE_LIMITED;
    }
}
