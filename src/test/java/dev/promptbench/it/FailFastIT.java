package dev.promptbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against a dead or hung endpoint (loopback, 20 prompts, default flags otherwise): it stops
 * with exit 4 and one line naming the URL and the cause, and Ctrl-C or SIGTERM ends a hung canary at once.
 * The time budgets (15 s, 12 s, 3 s after the signal) are checked by hand on an idle machine; the
 * tests' timeouts are a few times larger, so a loaded CI machine (JVM start alone can take 3 s) does not flake.
 */
@DisabledOnOs(OS.WINDOWS)
class FailFastIT {
    private static final int PROMPTS = 20;

    @TempDir
    Path dir;

    private ServerSocket silent;
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void closeServer() throws IOException {
        if (silent != null) silent.close();
        for (Socket socket : held) socket.close();
    }

    /** A server that accepts connections and never says a word (neither HTTP nor TLS). */
    private String silentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = silent.accept();
                    synchronized (held) { held.add(socket); }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return "127.0.0.1:" + silent.getLocalPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Process start(String endpoint, String... extra) throws IOException {
        Path prompts = dir.resolve("p.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < PROMPTS; i++) text.append("prompt ").append(i).append('\n');
        Files.writeString(prompts, text);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("promptbench.jar"), "run", prompts.toString(), "--endpoint", endpoint,
                "--provider", "openai", "--model", "m", "--out", dir.resolve("r.jsonl").toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        builder.environment().put("OPENAI_API_KEY", "k");
        return builder.start();
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("output.txt"));
    }

    private void assertOneLineNaming(String url, String cause) throws IOException {
        List<String> lines = output().lines().filter(l -> l.startsWith("promptbench:")).toList();
        assertEquals(1, lines.size(), output());
        assertTrue(lines.get(0).contains(url), output());
        assertTrue(lines.get(0).contains(cause), output());
        assertFalse(output().contains("starting anyway"), output());
        assertFalse(output().contains("Exception"), output());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nothingListeningIsExit4() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/v1";
        Process process = start(url);
        assertEquals(4, process.waitFor(), output());
        assertOneLineNaming(url + "/chat/completions", "connection refused");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerThatNeverAnswersIsExit4() throws Exception {
        String url = "http://" + silentServer() + "/v1";
        Process process = start(url, "--timeout", "3s");
        assertEquals(4, process.waitFor(), output());
        assertOneLineNaming(url + "/chat/completions", "no answer within 3s");
    }

    private void signalIntoAHungCanary(String signal, int expected) throws Exception {
        Process process = start("http://" + silentServer() + "/v1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // The first line is printed once the signal handlers are in place, just before the canary.
        while (!output().contains("promptbench ") && System.nanoTime() < deadline) Thread.sleep(20);
        Thread.sleep(1_500);
        assertTrue(process.isAlive(), output());
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the signal ended the hung canary: " + output());
        assertEquals(expected, process.exitValue(), output());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void ctrlCEndsAHungCanary() throws Exception {
        signalIntoAHungCanary("INT", 130);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigtermEndsAHungCanary() throws Exception {
        signalIntoAHungCanary("TERM", 143);
    }
}
