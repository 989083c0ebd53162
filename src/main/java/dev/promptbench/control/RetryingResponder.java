package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.ThrottleCounts;
import dev.promptbench.run.RunControl;
import java.time.Duration;
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
    private final RunControl control;

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
        // A control of its own, which nothing cancels (so its grace never matters).
        this(inner, policy, cooldown, sleeper, ticker, random, attempts, new RunControl(Duration.ZERO, ticker));
    }

    /**
     * As above; once {@code control} is cancelled nothing is sent again, and a wait between attempts ends
     * at once (the request is not in flight, so the grace period is not for it).
     */
    public RetryingResponder(Responder inner, RetryPolicy policy, CooldownGate cooldown, Sleeper sleeper,
                             Ticker ticker, DoubleSupplier random, AttemptListener attempts, RunControl control) {
        this.control = Objects.requireNonNull(control, "control");
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
        ThrottleCounts throttled = throttled(ThrottleCounts.NONE, outcome);
        int afterSend = 0;
        long waited = 0;
        while (outcome instanceof Outcome.Failure failure) {
            RetryPolicy.Decision decision =
                    policy.next(failure, new Attempts(count, waited, rateLimited, afterSend, throttled),
                            random.getAsDouble());
            if (!(decision instanceof RetryPolicy.Retry retry)) {
                break;
            }
            if (failure.kind() == ErrorKind.RATE_LIMITED) {
                // Everyone holds back, not just this worker: the limit is shared.
                cooldown.closeFor(retry.delay());
            }
            if (control.isCancelled()) {
                break;
            }
            long start = ticker.nanoTime();
            Thread worker = Thread.currentThread();
            try (RunControl.Registration wake = control.whenCancelled(worker::interrupt)) {
                sleeper.sleep(retry.delay());
                // Another worker's 429 may have closed the gate for longer than this one asked.
                cooldown.awaitOpen();
            } catch (InterruptedException interrupted) {
                waited += ticker.nanoTime() - start;
                // Woken by the run's cancel: the flag has done its job. Left set, it would close the results
                // file's channel when this worker records the outcome. Any other interrupt is kept.
                if (!control.isCancelled()) Thread.currentThread().interrupt();
                break;
            }
            waited += ticker.nanoTime() - start;
            if (control.isCancelled()) {
                // The cancel may have interrupted this thread just as the wait ended: clear it, as above.
                Thread.interrupted();
                break;
            }
            if (failure.kind() == ErrorKind.TIMEOUT || failure.kind() == ErrorKind.CONNECTION_LOST
                    || failure.kind() == ErrorKind.STREAM_INCOMPLETE) {
                // Sent, and maybe processed and billed: a cut stream too.
                afterSend++;
            }
            count++;
            outcome = send(request.withAttempt(count), endpoint);
            if (isRateLimited(outcome)) {
                rateLimited++;
                throttled = throttled(throttled, outcome);
            }
        }
        return outcome.withAttempts(new Attempts(count, waited, rateLimited, afterSend, throttled));
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

    /** {@code soFar} with the cause of {@code outcome} when it is a 429. */
    private static ThrottleCounts throttled(ThrottleCounts soFar, Outcome outcome) {
        return outcome instanceof Outcome.Failure failure && failure.kind() == ErrorKind.RATE_LIMITED
                ? soFar.plus(failure.throttle()) : soFar;
    }

    private static boolean isRateLimited(Outcome outcome) {
        return outcome instanceof Outcome.Failure failure && failure.kind() == ErrorKind.RATE_LIMITED;
    }
}
