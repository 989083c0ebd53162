package dev.promptbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.promptbench.client.Answer;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import dev.promptbench.client.Timing;
import dev.promptbench.clock.Ticker;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.Usage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Endpoint ENDPOINT = new Endpoint("default", ApiStyle.OPENAI,
            URI.create("http://127.0.0.1:1/v1/chat/completions"), null, "m", "max_tokens",
            ApiKeyCredential.bearer("k", "test"), false);

    /** A source that makes prompts on demand and counts how many were taken. */
    static final class CountingSource implements PromptSource {
        final int size;
        final AtomicInteger taken = new AtomicInteger();

        CountingSource(int size) { this.size = size; }

        @Override public synchronized Prompt next() {
            int index = taken.get();
            if (index >= size) return null;
            taken.incrementAndGet();
            return new Prompt(index, "line-" + (index + 1),
                    java.util.List.of(dev.promptbench.prompt.Message.text("user", "prompt " + index)), java.util.Map.of());
        }

        @Override public void close() {}
    }

    private static Outcome success(int index) {
        long now = System.nanoTime();
        return new Outcome.Success(new Outcome.Exchange(new Timing(now, now, now, now + 1000), 200, "req-" + index),
                new Answer("answer " + index, "stop", new Usage(3, 5), "m"));
    }

    private static Outcome failure(ErrorKind kind) {
        long now = System.nanoTime();
        return new Outcome.Failure(new Outcome.Exchange(new Timing(now, Timing.UNSET, Timing.UNSET, now + 1000), 401,
                null), kind, "401", "denied", null);
    }

    private static int indexOf(ChatRequest request) {
        return Integer.parseInt(request.promptId().substring("line-".length())) - 1;
    }

    private static Dispatcher dispatcher(Responder responder) {
        return new Dispatcher(responder, new RequestTemplate(RequestSettings.none()), Router.single(ENDPOINT),
                Admission.open(), Ticker.system());
    }

    @Test
    void neverTakesMorePromptsThanWorkersAhead() throws Exception {
        int threads = 4;
        CountingSource source = new CountingSource(100_000);
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Responder responder = (request, endpoint) -> {
            maxAhead.accumulateAndGet(source.taken.get() - recorded.get(), Math::max);
            return success(indexOf(request));
        };

        dispatcher(responder).run(new Plan.Parallel(threads), 0, source, r -> recorded.incrementAndGet(),
                new RunControl(Duration.ofSeconds(5), Ticker.system()));

        assertEquals(100_000, recorded.get());
        assertTrue(maxAhead.get() <= threads, "taken ahead of results: " + maxAhead.get());
    }

    @Test
    void everyPromptGetsExactlyOneRecord() throws Exception {
        CountingSource source = new CountingSource(1_000);
        BitSet seen = new BitSet();
        List<RequestResult> duplicates = new ArrayList<>();
        dispatcher((request, endpoint) -> success(indexOf(request))).run(new Plan.Parallel(8), 0, source, r -> {
            if (seen.get(r.index())) duplicates.add(r);
            seen.set(r.index());
        }, new RunControl(Duration.ofSeconds(5), Ticker.system()));
        assertEquals(1_000, seen.cardinality());
        assertTrue(duplicates.isEmpty());
    }

    @Test
    void parallelWorkersOverlap() throws Exception {
        int threads = 4;
        CyclicBarrier allInFlight = new CyclicBarrier(threads);
        Responder responder = (request, endpoint) -> {
            try {
                // Only returns when `threads` requests are in flight at once.
                allInFlight.await(10, TimeUnit.SECONDS);
                return success(indexOf(request));
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                return failure(ErrorKind.TIMEOUT);
            }
        };
        List<RequestResult> results = new ArrayList<>();
        dispatcher(responder).run(new Plan.Parallel(threads), 0, new CountingSource(8), results::add,
                new RunControl(Duration.ofSeconds(5), Ticker.system()));
        assertEquals(8, results.stream().filter(r -> r.status() == RequestStatus.OK).count());
        assertEquals(threads, results.stream().mapToInt(RequestResult::lane).distinct().count());
    }

    @Test
    void sequentialSendsOneAtATimeInFileOrder() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        List<Integer> order = new ArrayList<>();
        Responder responder = (request, endpoint) -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            synchronized (order) { order.add(indexOf(request)); }
            inFlight.decrementAndGet();
            return success(indexOf(request));
        };
        dispatcher(responder).run(new Plan.Sequential(), 0, new CountingSource(50), r -> {},
                new RunControl(Duration.ofSeconds(5), Ticker.system()));
        assertEquals(1, maxInFlight.get());
        for (int i = 0; i < 50; i++) assertEquals(i, order.get(i));
    }

    @Test
    void fatalErrorStopsDispatchAndTheRestIsNotRun() throws Exception {
        IntFunction<Outcome> answer = index -> index == 5 ? failure(ErrorKind.UNAUTHORIZED) : success(index);
        List<RequestResult> results = new ArrayList<>();
        RunControl control = new RunControl(Duration.ofSeconds(5), Ticker.system());
        dispatcher((request, endpoint) -> answer.apply(indexOf(request)))
                .run(new Plan.Sequential(), 0, new CountingSource(20), results::add, control);

        assertTrue(control.isCancelled());
        assertEquals(20, results.size(), "every prompt has a record");
        assertEquals(5, results.stream().filter(r -> r.status() == RequestStatus.OK).count());
        assertEquals(1, results.stream().filter(r -> r.status() == RequestStatus.ERROR).count());
        assertEquals(14, results.stream().filter(r -> r.status() == RequestStatus.NOT_RUN).count());
        RequestResult error = results.stream().filter(r -> r.status() == RequestStatus.ERROR).findFirst().orElseThrow();
        assertEquals("unauthorized", error.error().kind());
    }

    @Test
    void aThrowingResponderStillYieldsARecord() throws Exception {
        List<RequestResult> results = new ArrayList<>();
        dispatcher((request, endpoint) -> { throw new IllegalStateException("bug"); })
                .run(new Plan.Parallel(2), 0, new CountingSource(3), results::add,
                        new RunControl(Duration.ofSeconds(5), Ticker.system()));
        assertEquals(3, results.size());
        assertTrue(results.stream().allMatch(r -> "internal".equals(r.error().kind())));
    }

    @Test
    void filteredAnswersAreTheirOwnStatus() throws Exception {
        long now = System.nanoTime();
        Outcome filtered = new Outcome.Success(new Outcome.Exchange(new Timing(now, now, now, now + 5), 200, null),
                new Answer("", "content_filter", new Usage(1, 0), "m"));
        List<RequestResult> results = new ArrayList<>();
        dispatcher((request, endpoint) -> filtered).run(new Plan.Sequential(), 0, new CountingSource(1), results::add,
                new RunControl(Duration.ofSeconds(5), Ticker.system()));
        assertEquals(RequestStatus.FILTERED, results.get(0).status());
    }

    @Test
    void wallTimeRunsFromFirstDispatchToLastRecord() throws Exception {
        long[] clock = {1_000};
        Ticker ticker = () -> clock[0];
        Responder responder = (request, endpoint) -> {
            clock[0] += 250;
            return success(indexOf(request));
        };
        ModeTimes times = new Dispatcher(responder, new RequestTemplate(RequestSettings.none()),
                Router.single(ENDPOINT), Admission.open(), ticker)
                .run(new Plan.Sequential(), 0, new CountingSource(4), r -> {}, new RunControl(Duration.ofSeconds(5),
                        Ticker.system()));
        assertEquals(Duration.ofNanos(1000).toNanos(), times.wallNanos());
    }

    @Test
    void aWorkerThatFailsIsReportedAsWhatItWasNotAsAnUnreadablePromptFile() {
        RunControl control = new RunControl(Duration.ofSeconds(5), Ticker.system());
        ResultSink brokenSink = r -> { throw new java.io.UncheckedIOException(new java.io.IOException("disk full")); };
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () ->
                dispatcher((request, endpoint) -> success(indexOf(request)))
                        .run(new Plan.Parallel(2), 0, new CountingSource(4), brokenSink, control));
        assertTrue(thrown.getMessage().contains("disk full"), thrown.getMessage());
        assertEquals(RunControl.Cause.INTERNAL, control.cancelCause());
        assertTrue(control.cancelReason().contains("disk full"), control.cancelReason());
        assertTrue(!control.cancelReason().contains("prompt file"), control.cancelReason());
    }

    @Test
    void whenOneWorkerFailsTheOthersStillRecordWhatTheyTook() {
        java.util.concurrent.CountDownLatch otherInFlight = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch laneZeroFailed = new java.util.concurrent.CountDownLatch(1);
        List<RequestResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        ResultSink sink = r -> {
            if (r.lane() == 0) {
                laneZeroFailed.countDown();
                throw new IllegalStateException("sink broke");
            }
            results.add(r);
        };
        Responder responder = (request, endpoint) -> {
            try {
                // Lane 0 (the pool's first thread) fails only while the other worker holds a prompt; that
                // one answers only after lane 0 failed.
                if (Thread.currentThread().getName().endsWith("-0")) {
                    otherInFlight.await(10, TimeUnit.SECONDS);
                } else {
                    otherInFlight.countDown();
                    laneZeroFailed.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return success(indexOf(request));
        };
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () ->
                dispatcher(responder).run(new Plan.Parallel(2), 0, new CountingSource(6), sink,
                        new RunControl(Duration.ofSeconds(5), Ticker.system())));
        // Lane 0's record could not be written; every other prompt has exactly one.
        assertEquals(5, results.size(), results.toString());
        assertEquals(5, results.stream().map(RequestResult::index).distinct().count());
    }

    /**
     * Ctrl-C within --grace: a worker stuck where closing the client cannot reach (a token command being run
     * for a refresh, which only an interrupt stops) is interrupted when the grace ends, so the run ends and
     * every prompt has its record (issue 12 A4).
     */
    @Test
    void aWorkerStuckOutsideTheHttpCallIsInterruptedWhenTheGraceEnds() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        Responder refreshing = (request, endpoint) -> {
            stuck.countDown();
            try {
                new CountDownLatch(1).await(); // a token command that never finishes: only an interrupt ends it
                return success(indexOf(request));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure(ErrorKind.INTERRUPTED);
            }
        };
        RunControl control = new RunControl(Duration.ZERO, Ticker.system());
        java.util.List<RequestResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread canceller = new Thread(() -> {
            try {
                stuck.await();
            } catch (InterruptedException e) {
                return;
            }
            control.cancel(RunControl.Cause.SIGNAL, "SIGINT");
        });
        canceller.start();
        // The guard only stops a hung test; what is asserted is that the run ends and accounts for every prompt.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> dispatcher(refreshing)
                .run(new Plan.Sequential(), 0, new CountingSource(3), results::add, control));
        assertEquals(3, results.size(), "one record per prompt");
        assertEquals(3, results.stream().map(RequestResult::index).distinct().count());
    }
}
