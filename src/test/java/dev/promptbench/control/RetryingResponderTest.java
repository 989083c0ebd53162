package dev.promptbench.control;

import static dev.promptbench.control.ControlFixtures.failure;
import static dev.promptbench.control.ControlFixtures.rateLimited;
import static dev.promptbench.control.ControlFixtures.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.results.request.Attempts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The retry loop over a scripted responder, a recording sleeper and a fake clock: nothing really waits. */
class RetryingResponderTest {

    private static final RetryPolicy POLICY = RetryPolicy.defaults();

    private final FakeTicker ticker = new FakeTicker();
    private final RecordingSleeper sleeper = new RecordingSleeper(ticker);
    private final CooldownGate cooldown = new CooldownGate(ticker);

    @Test
    void aFirstSuccessIsReturnedWithOneAttempt() {
        ScriptedResponder inner = new ScriptedResponder(success());

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals(Attempts.FIRST, outcome.attempts());
        assertEquals(List.of(1), inner.attempts());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void serverErrorsAreRetriedWithTheExactBackOffAndNumberedAttempts() {
        ScriptedResponder inner = new ScriptedResponder(
                failure(ErrorKind.SERVER_ERROR), failure(ErrorKind.MALFORMED), success());

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        assertInstanceOf(Outcome.Success.class, outcome);
        // random 0.5: half of 500 ms, then half of 1 s.
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), sleeper.sleeps());
        assertEquals(List.of(1, 2, 3), inner.attempts());
        assertEquals(new Attempts(3, Duration.ofMillis(750).toNanos(), 0, 0), outcome.attempts());
        assertEquals(0, cooldown.closures(), "only a 429 closes the shared gate");
    }

    @Test
    void rateLimitsWaitAsAskedAreCountedAndCloseTheSharedGate() {
        ScriptedResponder inner = new ScriptedResponder(
                rateLimited(Duration.ofSeconds(2)), rateLimited(Duration.ofSeconds(3)), success());
        List<Boolean> gateClosedWhileSleeping = new ArrayList<>();
        sleeper.during(() -> gateClosedWhileSleeping.add(cooldown.isClosed()));

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)), sleeper.sleeps());
        assertEquals(new Attempts(3, Duration.ofSeconds(5).toNanos(), 2, 0), outcome.attempts());
        assertEquals(List.of(1, 2, 3), inner.attempts());
        assertEquals(List.of(true, true), gateClosedWhileSleeping);
        assertEquals(2, cooldown.closures());
        assertFalse(cooldown.isClosed());
    }

    @Test
    void aRetryAlsoWaitsOutACoolDownAnotherWorkerStarted() throws Exception {
        ScriptedResponder inner = new ScriptedResponder(failure(ErrorKind.SERVER_ERROR), success());
        // While this worker backs off 250 ms, another worker's 429 closes the gate for 5 s.
        sleeper.during(() -> cooldown.closeFor(Duration.ofSeconds(5)));
        RetryingResponder responder = retrying(inner, POLICY);

        CompletableFuture<Outcome> call = CompletableFuture.supplyAsync(
                () -> responder.call(ControlFixtures.request(), ControlFixtures.azure()));
        GateTestSupport.awaitParked(cooldown, 1);
        assertEquals(List.of(1), inner.attempts(), "no retry while the gate is closed");
        ticker.advance(Duration.ofMillis(4750));
        cooldown.wake();
        Outcome outcome = call.get(10, TimeUnit.SECONDS);

        assertInstanceOf(Outcome.Success.class, outcome);
        // 250 ms of back-off plus 4.75 s held at the gate.
        assertEquals(new Attempts(2, Duration.ofSeconds(5).toNanos(), 0, 0), outcome.attempts());
        assertEquals(Duration.ofMillis(4750).toNanos(), cooldown.waitedNanos());
    }

    @Test
    void failuresAfterSendingAreCountedSeparately() {
        ScriptedResponder inner = new ScriptedResponder(
                failure(ErrorKind.TIMEOUT), failure(ErrorKind.CONNECTION_LOST), failure(ErrorKind.CONNECT_FAILED),
                success());

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals(4, outcome.attempts().count());
        assertEquals(2, outcome.attempts().retriesAfterSend());
        assertEquals(List.of(1, 2, 3, 4), inner.attempts());
    }

    @Test
    void withRetryAfterSendOffATimeoutIsFinal() {
        RetryPolicy noAfterSend = new RetryPolicy(5, Duration.ofMinutes(10), false, Duration.ofMillis(500),
                Duration.ofSeconds(30));
        Outcome.Failure timeout = failure(ErrorKind.TIMEOUT);
        ScriptedResponder inner = new ScriptedResponder(timeout);

        Outcome outcome = retrying(inner, noAfterSend).call(ControlFixtures.request(), ControlFixtures.azure());

        assertEquals(timeout, outcome);
        assertEquals(List.of(1), inner.attempts());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class,
            names = {"BAD_REQUEST", "CONTENT_FILTER", "UNAUTHORIZED", "NOT_FOUND", "INTERRUPTED"})
    void permanentFailuresAreSentOnce(ErrorKind kind) {
        Outcome.Failure permanent = failure(kind);
        ScriptedResponder inner = new ScriptedResponder(permanent);

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        assertEquals(permanent, outcome);
        assertEquals(Attempts.FIRST, outcome.attempts());
        assertEquals(List.of(1), inner.attempts());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void aFilteredPromptIsNeverRetriedEvenAfterOtherRetries() {
        Outcome.Failure filtered = failure(ErrorKind.CONTENT_FILTER, "content_filter", null);
        ScriptedResponder inner = new ScriptedResponder(failure(ErrorKind.SERVER_ERROR), filtered);

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        Outcome.Failure last = assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(ErrorKind.CONTENT_FILTER, last.kind());
        assertEquals(2, last.attempts().count());
        assertEquals(List.of(1, 2), inner.attempts());
    }

    @Test
    void theLastFailureIsReturnedWhenRetriesRunOut() {
        Outcome.Failure[] script = new Outcome.Failure[6];
        for (int i = 0; i < script.length; i++) {
            script[i] = new Outcome.Failure(new Outcome.Exchange(failure(ErrorKind.SERVER_ERROR).timing(), 500,
                    "req-" + i), ErrorKind.SERVER_ERROR, null, "HTTP 500", null);
        }
        ScriptedResponder inner = new ScriptedResponder(script);

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        assertEquals("req-5", outcome.requestId());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), inner.attempts());
        assertEquals(5, sleeper.sleeps().size());
        assertEquals(6, outcome.attempts().count());
    }

    @Test
    void aRetryAfterPastMaxWaitIsFinalAndLeavesTheGateOpen() {
        Outcome.Failure tooLong = rateLimited(Duration.ofHours(1));
        ScriptedResponder inner = new ScriptedResponder(tooLong);

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        Outcome.Failure last = assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(new Attempts(1, 0, 1, 0), last.attempts());
        assertEquals(List.of(), sleeper.sleeps());
        // Holding every worker for an hour would stall the run for a prompt that has already given up.
        assertEquals(0, cooldown.closures());
    }

    @Test
    void insufficientQuotaIsFinal() {
        ScriptedResponder inner = new ScriptedResponder(
                failure(ErrorKind.RATE_LIMITED, "insufficient_quota", Duration.ofSeconds(1)));

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        assertEquals(1, outcome.attempts().count());
        assertEquals(0, cooldown.closures());
    }

    @Test
    void anInterruptedWaitReturnsTheLastFailureAndKeepsTheFlag() {
        Outcome.Failure first = failure(ErrorKind.SERVER_ERROR);
        ScriptedResponder inner = new ScriptedResponder(first, success());
        Sleeper interrupted = duration -> {
            ticker.advance(Duration.ofMillis(40));
            throw new InterruptedException();
        };
        RetryingResponder responder = new RetryingResponder(inner, POLICY, cooldown, interrupted, ticker, () -> 0.5);

        Outcome outcome;
        try {
            outcome = responder.call(ControlFixtures.request(), ControlFixtures.azure());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt must reach the worker loop");
        }

        Outcome.Failure last = assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(first.requestId(), last.requestId());
        assertEquals(new Attempts(1, Duration.ofMillis(40).toNanos(), 0, 0), last.attempts());
        assertEquals(List.of(1), inner.attempts());
    }

    @Test
    void aCancelDuringTheBackOffEndsTheWaitAtOnceAndSendsNothingMore() throws Exception {
        Outcome.Failure first = failure(ErrorKind.CONNECT_FAILED);
        ScriptedResponder inner = new ScriptedResponder(first, success());
        dev.promptbench.run.RunControl control = new dev.promptbench.run.RunControl(Duration.ofSeconds(5), ticker);
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        // A real wait of an hour: only the cancel can end it.
        Sleeper longWait = duration -> {
            waiting.countDown();
            Sleeper.system().sleep(Duration.ofHours(1));
        };
        RetryingResponder responder = new RetryingResponder(inner, POLICY, cooldown, longWait, ticker, () -> 0.5,
                AttemptListener.none(), control);

        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> {
            Outcome o = responder.call(ControlFixtures.request(), ControlFixtures.azure());
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
            return o;
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        control.cancel(dev.promptbench.run.RunControl.Cause.SIGNAL, "SIGINT");

        Outcome.Failure last = assertInstanceOf(Outcome.Failure.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(ErrorKind.CONNECT_FAILED, last.kind());
        assertEquals(List.of(1), inner.attempts(), "nothing is sent after the cancel");
        assertFalse(interruptedAfter.get(), "the cancel's interrupt is not left for the results file to trip on");
    }

    @Test
    void aCancelledRunRetriesNothing() {
        ScriptedResponder inner = new ScriptedResponder(failure(ErrorKind.SERVER_ERROR), success());
        dev.promptbench.run.RunControl control = new dev.promptbench.run.RunControl(Duration.ofSeconds(5), ticker);
        control.cancel(dev.promptbench.run.RunControl.Cause.FATAL_ENDPOINT, "breaker");
        RetryingResponder responder = new RetryingResponder(inner, POLICY, cooldown, sleeper, ticker, () -> 0.5,
                AttemptListener.none(), control);

        responder.call(ControlFixtures.request(), ControlFixtures.azure());

        assertEquals(List.of(1), inner.attempts());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void aCutStreamThatIsRetriedCountsAsARetryAfterSend() {
        ScriptedResponder inner = new ScriptedResponder(failure(ErrorKind.STREAM_INCOMPLETE), success());

        Outcome outcome = retrying(inner, POLICY).call(ControlFixtures.request(), ControlFixtures.azure());

        assertInstanceOf(Outcome.Success.class, outcome);
        assertEquals(1, outcome.attempts().retriesAfterSend(), "the service may have processed and billed it");
    }

    private RetryingResponder retrying(ScriptedResponder inner, RetryPolicy policy) {
        return new RetryingResponder(inner, policy, cooldown, sleeper, ticker, () -> 0.5);
    }
}
