package dev.promptbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM against the packaged jar in a child process: the run stops, every prompt has
 * exactly one record, a summary is written, and the exit code says which signal it was.
 *
 * <p>Nothing here is timed: the endpoint is this test's own server, which answers the first requests and
 * holds the next one until the test lets it go, and the test waits on what the process prints, so the signal
 * always lands while a request is in flight however loaded the machine is.
 */
@DisabledOnOs(OS.WINDOWS)
class SignalIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROMPTS = 60;
    private static final String ANSWER = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger received = new AtomicInteger();
    /** Counted down when the first held request arrives. */
    private final CountDownLatch heldArrived = new CountDownLatch(1);
    /** Counted down by the test to let the held requests be answered. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) server.stop(0);
    }

    /** A chat-completions server that answers the first {@code answered} requests at once and holds the rest. */
    private String server(int answered) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r);
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (received.incrementAndGet() > answered) {
                heldArrived.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(exchange);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException gone) {
            // the process was stopped while its request was held
        } finally {
            exchange.close();
        }
    }

    private Process start(String endpoint, Path results, String... extra) throws IOException {
        return start(endpoint, results, java.util.Map.of(), extra);
    }

    private Process start(String endpoint, Path results, java.util.Map<String, String> env, String... extra)
            throws IOException {
        Path prompts = dir.resolve("p.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < PROMPTS; i++) text.append("prompt number ").append(i).append('\n');
        Files.writeString(prompts, text);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("promptbench.jar"), "run", prompts.toString(), "--mode", "sequential",
                "--endpoint", endpoint, "--provider", "openai", "--model", "m", "--no-canary", "--no-warmup",
                "--out", results.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPENAI_API_KEY", "k");
        builder.environment().put("CI", "true");
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) output.add(line);
            } catch (IOException ended) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /** Waits (without polling) for a line of the process's output containing {@code part}. */
    private String awaitLine(String part) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = output.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("no line containing '" + part + "' in:\n" + seen);
            seen.append(line).append('\n');
            if (line.contains(part)) return line;
        }
    }

    private static void signal(Process process, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        assertEquals(0, kill.waitFor());
    }

    private static List<JsonNode> records(Path results) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) records.add(JSON.readTree(line));
        return records;
    }

    /** The signal stops dispatch while the third request is held; the held one then finishes in its grace. */
    private void stopsWhileARequestIsInFlight(String signal, int exitCode) throws Exception {
        Path results = dir.resolve(signal + ".jsonl");
        Process process = start(server(2), results);
        assertTrue(heldArrived.await(60, TimeUnit.SECONDS), "the third request reached the server");
        signal(process, signal);
        awaitLine("SIG" + signal + ": stopping");
        release.countDown();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run ended after its request in flight");
        assertEquals(exitCode, process.exitValue(), String.join("\n", output));

        List<JsonNode> records = records(results);
        List<JsonNode> requests = records.stream().filter(r -> r.path("type").asText().equals("request")).toList();
        assertEquals(PROMPTS, requests.size(), "one record per prompt");
        assertEquals(PROMPTS, requests.stream().map(r -> r.path("index").asInt()).distinct().count());
        assertEquals(3, requests.stream().filter(r -> r.path("status").asText().equals("ok")).count(),
                "the two answered and the one in flight when the signal came");
        assertEquals(PROMPTS - 3, requests.stream().filter(r -> r.path("status").asText().equals("not_run")).count());
        assertEquals(3, received.get(), "nothing was sent after the signal");
        assertEquals("summary", records.get(records.size() - 1).path("type").asText());
    }

    @Test
    void ctrlCStopsWritesEveryRecordAndExits130() throws Exception {
        stopsWhileARequestIsInFlight("INT", 130);
    }

    @Test
    void sigtermStopsTheSameWayAndExits143() throws Exception {
        stopsWhileARequestIsInFlight("TERM", 143);
    }

    @Test
    void aSecondCtrlCQuitsAtOnceLeavingWholeLines() throws Exception {
        Path results = dir.resolve("twice.jsonl");
        // The request is never answered and the grace is 10 minutes: only the second signal can end the run.
        Process process = start(server(0), results, "--grace", "10m");
        assertTrue(heldArrived.await(60, TimeUnit.SECONDS), "the first request reached the server");
        signal(process, "INT");
        awaitLine("SIGINT: stopping");
        assertTrue(process.isAlive(), "the first Ctrl-C waits for the request in flight");
        signal(process, "INT");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the second Ctrl-C ends the process");
        assertEquals(130, process.exitValue());
        if (Files.exists(results)) {
            for (JsonNode record : records(results)) assertTrue(record.has("type"));
        }
    }

    /**
     * Ctrl-C twice while the reports are written: the step summary is a named pipe nobody reads, so the process
     * is held in its last report, after the HTML page and the JUnit file, until the second Ctrl-C halts it.
     * Every report is whole under its name or absent, nothing half-written is left beside it, the results file
     * is complete, and the exit code is 130.
     */
    @Test
    void aSecondCtrlCWhileTheReportsAreWrittenLeavesNoHalfReport() throws Exception {
        Path fifo = dir.resolve("summary.md");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Path results = dir.resolve("reports.jsonl");
        Path html = dir.resolve("report.html");
        Path junit = dir.resolve("junit.xml");
        Process process = start(server(PROMPTS), results, java.util.Map.of("GITHUB_STEP_SUMMARY", fifo.toString()),
                "--html", html.toString(), "--junit", junit.toString(), "--fail-if", "errors>100");
        awaitLine("threshold passed");
        signal(process, "INT");
        awaitLine("SIGINT: stopping");
        assertTrue(process.isAlive(), "held by the step summary nobody reads");
        signal(process, "INT");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the second Ctrl-C ends the process");
        assertEquals(130, process.exitValue(), String.join("\n", output));

        List<JsonNode> records = records(results);
        assertEquals(PROMPTS, records.stream().filter(r -> r.path("type").asText().equals("request")
                && r.path("status").asText().equals("ok")).count());
        assertEquals("summary", records.get(records.size() - 1).path("type").asText());
        assertTrue(Files.readString(html).strip().endsWith("</html>"), "the page is whole");
        if (Files.exists(junit)) assertTrue(Files.readString(junit).strip().endsWith("</testsuite>"), "whole");
        try (var files = Files.list(dir)) {
            List<String> partial = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".partial"))
                    .toList();
            assertEquals(List.of(), partial, "nothing half-written left beside the reports");
        }
    }
}
