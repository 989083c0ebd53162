package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dead or hung endpoint stops the run at the canary: exit 4 and one line naming the URL and the cause. */
class CanaryDecidesTest {
    @TempDir
    Path dir;

    private CliRun run(String base, String... extra) throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\nthree\n");
        List<String> args = new ArrayList<>(List.of("run", prompts.toString(), "--endpoint", base + "/v1",
                "--model", "m", "--out", dir.resolve("r.jsonl").toString(), "--no-warmup"));
        args.addAll(List.of(extra));
        return CliRun.of(Map.of("OPENAI_API_KEY", "k"), args.toArray(String[]::new));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> errorLines(CliRun run) {
        return run.err().lines().filter(l -> l.startsWith("promptbench:")).toList();
    }

    @Test
    void nothingListeningIsExit4WithOneLineNamingUrlAndCause() throws Exception {
        String base = "http://127.0.0.1:" + closedPort();

        CliRun run = run(base, "--retries", "0");

        assertEquals(4, run.exitCode(), run.err());
        List<String> lines = errorLines(run);
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).contains(base + "/v1/chat/completions"), lines.get(0));
        assertTrue(lines.get(0).contains("connection refused"), lines.get(0));
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(run.err().contains("starting anyway"), run.err());
        assertFalse(Files.exists(dir.resolve("r.jsonl")), "no batch ran");
    }

    @Test
    void aServerThatNeverAnswersIsExit4AfterTheCanarysOwnBound() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept());
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String base = "http://127.0.0.1:" + silent.getLocalPort();

            CliRun run = run(base, "--canary-timeout", "300ms", "--retries", "0");

            assertEquals(4, run.exitCode(), run.err());
            List<String> lines = errorLines(run);
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).contains(base + "/v1/chat/completions: no answer within 300ms"), lines.get(0));
            assertFalse(run.err().contains("starting anyway"), run.err());
        }
    }

    @Test
    void noCanarySkipsIt() throws Exception {
        String base = "http://127.0.0.1:" + closedPort();

        CliRun run = run(base, "--no-canary", "--retries", "0", "--mode", "sequential");

        assertEquals(1, run.exitCode(), run.err());
        assertFalse(run.err().contains("canary"), run.err());
        assertTrue(Files.readString(dir.resolve("r.jsonl")).contains("connect_failed"));
    }

    @Test
    void aZeroCanaryTimeoutIsAUsageError() throws Exception {
        CliRun run = run("http://127.0.0.1:" + closedPort(), "--canary-timeout", "0s");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--canary-timeout"), run.err());
    }

    /**
     * A static file server ({@code python3 -m http.server}) answers every POST 501 with an HTML page: it will
     * never take one, so the canary stops the run rather than retrying and backing off for every prompt.
     */
    @Test
    void aServerThatCannotTakeAPostIsExit4AtTheCanaryWithoutRetries() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/", exchange -> {
            posts.incrementAndGet();
            byte[] page = ("<!DOCTYPE HTML><html><head><title>Error response</title></head><body>"
                    + "<p>Error code: 501</p><p>Message: Unsupported method ('POST').</p></body></html>").getBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(501, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            CliRun run = run(base);

            assertEquals(4, run.exitCode(), run.err());
            List<String> lines = errorLines(run);
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).contains(base + "/v1/chat/completions answered HTTP 501"), lines.get(0));
            assertTrue(lines.get(0).contains("this server takes no chat requests"), lines.get(0));
            assertEquals(1, posts.get(), "the canary's request, not retried");
            assertFalse(Files.exists(dir.resolve("r.jsonl")), "no batch ran");
        } finally {
            server.stop(0);
        }
    }
}
