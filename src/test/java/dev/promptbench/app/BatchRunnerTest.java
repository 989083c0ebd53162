package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.clock.Clocks;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.clock.Ticker;
import dev.promptbench.control.RetryPolicy;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.TextPromptStyle;
import dev.promptbench.report.RunReport;
import dev.promptbench.results.request.Mode;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.run.RunControl;
import dev.promptbench.sim.SimulatorSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole run over real HTTP against a server that proves requests overlap. */
class BatchRunnerTest {
    private static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService serverThreads;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
        if (serverThreads != null) serverThreads.shutdownNow();
    }

    /** Holds each request until {@code parties} requests are waiting together, then answers them all. */
    private URI barrierServer(int parties, AtomicInteger answered, AtomicInteger timedOut) throws IOException {
        CyclicBarrier barrier = new CyclicBarrier(parties);
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(serverThreads);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = 200;
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                timedOut.incrementAndGet();
                status = 500;
            }
            // Counted before answering: the client may assert as soon as it has the last answer.
            answered.incrementAndGet();
            answer(exchange, status);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] body = (status == 200 ? COMPLETION : "{\"error\":{\"code\":\"500\",\"message\":\"barrier\"}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private RunSpec spec(PromptFile prompts, List<Plan> plans, List<Endpoint> endpoints) {
        return TestRuns.run(prompts, plans, RequestSettings.none(), endpoints, SimulatorSettings.instant(),
                dir.resolve("results.jsonl"), RateControl.none());
    }

    @Test
    void theParallelModeHasThreadsRequestsInFlightAtOnce() throws Exception {
        int threads = 4;
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        URI base = barrierServer(threads, answered, timedOut);
        Endpoint endpoint = new Endpoint("default", ApiStyle.OPENAI, base.resolve("/v1/chat/completions"), null,
                "m", "max_tokens", ApiKeyCredential.bearer("k", "test"), false);
        Path promptsFile = dir.resolve("p.txt");
        Files.writeString(promptsFile, "a\nb\nc\nd\ne\nf\ng\nh\n");

        try (PromptFile prompts = PromptFile.open(promptsFile.toString(), TextPromptStyle.DEFAULT)) {
            BatchResult result = new BatchRunner(new RunControl(Duration.ofSeconds(5), Ticker.system()),
                    Clocks.system(Clock.systemUTC()))
                    .run(spec(prompts, List.of(new Plan.Parallel(threads)), List.of(endpoint)), new RunListener() {});
            RunReport report = result.report();
            assertNull(result.stopCause());
            assertEquals(0, timedOut.get(), "every request met " + (threads - 1) + " others in flight");
            assertEquals(8, report.modes().get(Mode.PARALLEL).headline().ok());
            assertEquals(8, answered.get());
        }
    }

    @Test
    void theSimulatorIsUsedWhenNoEndpointIsGiven() throws Exception {
        Path promptsFile = dir.resolve("p.txt");
        Files.writeString(promptsFile, "こんにちは\nhello\n");
        try (PromptFile prompts = PromptFile.open(promptsFile.toString(), TextPromptStyle.DEFAULT)) {
            BatchResult result = new BatchRunner(new RunControl(Duration.ofSeconds(5), Ticker.system()),
                    Clocks.system(Clock.systemUTC()))
                    .run(spec(prompts, List.of(new Plan.Sequential(), new Plan.Parallel(2)), List.of()),
                            new RunListener() {});
            assertTrue(result.report().simulated());
            assertEquals("simulator", result.report().endpoint().kind());
            assertNotNull(result.report().comparison());
            assertEquals(2, result.report().modes().get(Mode.SEQUENTIAL).headline().ok());
        }
    }
}
