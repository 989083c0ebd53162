package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.clock.Clocks;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.clock.Ticker;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.TextPromptStyle;
import dev.promptbench.report.SweepReport;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.run.RunControl;
import dev.promptbench.sim.SimulatorSettings;
import dev.promptbench.stats.SweepStep;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep stopped in the middle (Ctrl-C) reports what it measured as it is: the cut step partial, the rest not run. */
class SweepRunnerTest {
    @TempDir
    Path dir;

    @Test
    void aCancelDuringAStepMarksItPartialKeepsItOutOfTheKneeAndListsTheLaterStepsNotRun() throws Exception {
        Path file = dir.resolve("p.txt");
        Files.writeString(file, "a\nb\nc\nd\n");
        RunControl control = new RunControl(Duration.ofSeconds(5), Ticker.system());
        List<String> notices = new CopyOnWriteArrayList<>();
        AtomicInteger atTwo = new AtomicInteger();
        AtomicInteger noticesAtCancel = new AtomicInteger(-1);
        RunListener listener = new RunListener() {
            private volatile int threads;

            @Override public void notice(String line) { notices.add(line); }

            @Override public void modeStarted(Plan plan, int repeat, int prompts) { threads = plan.workers(); }

            // Ctrl-C after the 2-thread step's fifth answer, as a person would press it.
            @Override public void result(RequestResult result) {
                if (threads == 2 && atTwo.incrementAndGet() == 5) {
                    noticesAtCancel.set(notices.size());
                    control.cancel(RunControl.Cause.SIGNAL, "SIGINT");
                }
            }
        };
        try (PromptFile prompts = PromptFile.open(file.toString(), TextPromptStyle.DEFAULT)) {
            SweepSpec spec = new SweepSpec(prompts, TestRuns.session(List.of(), SimulatorSettings.instant(), 4,
                    RateControl.none()), RequestSettings.none(), new SweepPlan(List.of(1, 2, 4), 40, 1),
                    TestRuns.results(dir.resolve("sweep.jsonl")));
            SweepReport report = new SweepRunner(control, Clocks.system(Clock.systemUTC())).run(spec, listener)
                    .report();

            assertEquals(List.of(1, 2), report.steps().stream().map(SweepStep::threads).toList());
            assertFalse(report.steps().get(0).partial(), "the 1-thread step ran whole");
            assertTrue(report.steps().get(1).partial(), "the 2-thread step was cut");
            assertEquals(List.of(4), report.stop().notRun(), "the 4-thread step never ran");
            assertEquals("interrupted by SIGINT", report.stop().reason());
            assertNull(report.knee().threads(), report.knee().reason());
            assertFalse(report.knee().reason().contains("grows"), "no advice from a cut step: " + report.knee());
            List<String> after = notices.subList(noticesAtCancel.get(), notices.size());
            assertTrue(after.stream().noneMatch(n -> n.startsWith("estimated time left")),
                    "no time estimate after the stop: " + after);
        }
    }

    /** Ctrl-C while the canary waits on a server that never answers: the sweep ends there, as a run does. */
    @Test
    void aCancelDuringTheCanaryStopsTheSweepBeforeItStarts() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        ExecutorService pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", exchange -> {
            asked.countDown();
            try {
                release.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        Path file = dir.resolve("p.txt");
        Files.writeString(file, "a\nb\n");
        Path results = dir.resolve("sweep.jsonl");
        RunControl control = new RunControl(Duration.ofSeconds(5), Ticker.system());
        List<String> notices = new CopyOnWriteArrayList<>();
        Endpoint endpoint = new Endpoint("default", ApiStyle.OPENAI,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions"), null, "m",
                "max_tokens", ApiKeyCredential.bearer("k", "test"), false);
        SessionSpec session = new SessionSpec(List.of(endpoint), SimulatorSettings.instant(),
                ClientSettings.defaults(2), RetryPolicy.defaults(), RateControl.none(), false, Duration.ofSeconds(30),
                10);
        Thread presser = new Thread(() -> {
            try {
                asked.await();
                control.cancel(RunControl.Cause.SIGNAL, "SIGINT");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        presser.start();
        try (PromptFile prompts = PromptFile.open(file.toString(), TextPromptStyle.DEFAULT)) {
            SweepRunner.Outcome outcome = new SweepRunner(control, Clocks.system(Clock.systemUTC())).run(
                    new SweepSpec(prompts, session, RequestSettings.none(), new SweepPlan(List.of(1, 2), 8, 1),
                            TestRuns.results(results)), new RunListener() {
                        @Override public void notice(String line) { notices.add(line); }
                    });
            assertNull(outcome.report(), "no sweep ran");
            assertNull(outcome.fatal(), "a Ctrl-C is no endpoint failure");
            assertEquals("stopped before the sweep started: no prompt was sent, no results file was written",
                    outcome.stopped());
            assertFalse(Files.exists(results), "no results file");
            assertTrue(notices.stream().noneMatch(n -> n.startsWith("estimated duration")), notices.toString());
        } finally {
            presser.join();
            release.countDown();
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
