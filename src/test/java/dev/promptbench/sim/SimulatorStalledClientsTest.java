package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.promptbench.clock.TestClocks;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients that stall halfway through their request cannot freeze the simulator for everyone else. */
class SimulatorStalledClientsTest {

    private static final int STALLED = 8;

    @Test
    void answeredWhile8StalledConnectionsAreOpen() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorSettings.instant(), TestClocks.SYSTEM)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer k")
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(SimulatorTest.HELLO))
                    .build();
            timed(client, request); // warms the client and the server's code path
            long unhindered = fastest(client, request);
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), simulator.port());
                    OutputStream out = socket.getOutputStream();
                    // Half a header, then nothing: each holds whatever thread reads it.
                    out.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stalled.add(socket);
                }
                // Once the server holds a thread for every stalled connection, ask again: the worst case.
                awaitReading(simulator, STALLED);
                long first = timed(client, request);
                long hindered = fastest(client, request);
                System.out.printf("answered while %d stalled connections are open: first %.1f ms, then %.1f ms "
                        + "(alone: %.1f ms); delay of the first %.1f ms%n", STALLED, first / 1e6, hindered / 1e6,
                        unhindered / 1e6, (first - unhindered) / 1e6);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aHeaderOfAMegabyteIsRefusedAndOthersAreStillAnswered() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorSettings.instant(), TestClocks.SYSTEM);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), simulator.port())) {
            socket.setSoTimeout(20_000);
            String reply;
            try {
                OutputStream out = socket.getOutputStream();
                out.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
                        .getBytes(StandardCharsets.US_ASCII));
                out.write("a".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII));
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] head = socket.getInputStream().readNBytes(12);
                reply = new String(head, StandardCharsets.US_ASCII);
            } catch (java.io.IOException closed) {
                reply = "closed: " + closed.getMessage(); // cut off while still sending: refused too
            }
            assertFalse(reply.startsWith("HTTP/1.1 200"), reply);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            timed(client, HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer k").timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(SimulatorTest.HELLO)).build());
        }
    }

    /** The quickest of five answers: the measurement, not the box's hiccups. */
    private static long fastest(HttpClient client, HttpRequest request) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            best = Math.min(best, timed(client, request));
        }
        return best;
    }

    private static long timed(HttpClient client, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        assertEquals(200, response.statusCode(), response.body());
        return took;
    }

    /**
     * Spins (bounded) until the server has handed {@code count} connections to handler threads, so the
     * real request cannot slip in before the stalled ones; a pool too small never gets there.
     */
    private static void awaitReading(Simulator simulator, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (simulator.activeHandlers() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
