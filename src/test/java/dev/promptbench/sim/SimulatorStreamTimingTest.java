package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.clock.TestClocks;
import dev.promptbench.sim.SseClient.Streamed;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When a stream's events and a stalled simulator's answers arrive. Only lower bounds are asserted:
 * a busy machine may deliver late, never early.
 */
class SimulatorStreamTimingTest {

    /** What a clock reading may be early by: timer and clock granularity. */
    private static final long SLACK_MILLIS = 5;

    @Test
    void theFirstContentEventComesNoSoonerThanTheTimeToFirstToken() throws Exception {
        Duration ttft = Duration.ofMillis(200);
        Duration perToken = Duration.ofMillis(10);
        int tokens = 9;
        int perChunk = 2;
        SimulatorSettings settings = new SimulatorSettings("127.0.0.1", 0, 8L, new SimulatorSettings.Answers(ttft,
                0.0, tokens, perToken, 1))
                .withTokensPerChunk(perChunk);
        try (Simulator simulator = Simulator.start(settings, TestClocks.SYSTEM)) {
            Streamed s = SseClient.post(simulator, SimulatorStreamTest.AZURE,
                    SimulatorStreamTest.body("Say hello.", true, true), "api-key", "k");
            List<Integer> content = s.contentIndexes();
            assertEquals((tokens + perChunk - 1) / perChunk, content.size());

            long first = s.arrived().get(content.get(0));
            long firstMillis = (first - s.sentAt()) / 1_000_000;
            assertTrue(firstMillis >= ttft.toMillis() - SLACK_MILLIS, "first content after " + firstMillis + " ms");
            // The delay stays per token: event k of two tokens each is due 2k token delays after the first.
            // Timed from the request, not from the event before: a server running late catches up.
            for (int k = 1; k < content.size(); k++) {
                long millis = (s.arrived().get(content.get(k)) - s.sentAt()) / 1_000_000;
                long due = ttft.toMillis() + perToken.toMillis() * perChunk * k;
                assertTrue(millis >= due - SLACK_MILLIS, "content event " + k + " after " + millis + " ms");
            }
        }
    }

    @Test
    void aStalledSimulatorAnswersOnlyWhenTheStallEnds() throws Exception {
        Duration length = Duration.ofMillis(300);
        long before = System.nanoTime();
        SimulatorSettings settings = SimulatorSettings.instant()
                .withStall(new SimulatorSettings.Stall(Duration.ZERO, length));
        try (Simulator simulator = Simulator.start(settings, TestClocks.SYSTEM)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer k")
                    .POST(HttpRequest.BodyPublishers.ofString(SimulatorStreamTest.body("Say hello.", false, null)))
                    .build();
            CompletableFuture<HttpResponse<String>> whole = HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofString());
            Streamed streamed = SseClient.post(simulator, SimulatorStreamTest.AZURE,
                    SimulatorStreamTest.body("Say hello.", true, true), "api-key", "k");
            long answered = System.nanoTime();
            HttpResponse<String> response = whole.get(10, TimeUnit.SECONDS);

            assertEquals(200, response.statusCode(), "held, not refused");
            assertEquals("[DONE]", streamed.data().get(streamed.data().size() - 1));
            long firstEventMillis = (streamed.arrived().get(0) - before) / 1_000_000;
            assertTrue(firstEventMillis >= length.toMillis() - SLACK_MILLIS, "first event after " + firstEventMillis + " ms");
            long wholeMillis = (answered - before) / 1_000_000;
            assertTrue(wholeMillis >= length.toMillis() - SLACK_MILLIS, "answered after " + wholeMillis + " ms");
        }
    }

    private static final int STREAMS = 256;

    @Test
    void holds256StreamsAtOnceAndFinishesThemAll() throws Exception {
        int tokens = 6;
        SimulatorSettings settings = new SimulatorSettings("127.0.0.1", 0, 5L,
                new SimulatorSettings.Answers(Duration.ofMillis(20), 0.0, tokens, Duration.ofMillis(5),
                1)).withTokensPerChunk(2);
        try (Simulator simulator = Simulator.start(settings, TestClocks.SYSTEM)) {
            // Every answer is held until all 256 requests are in, however slowly a loaded box reads them: then
            // all 256 are open at once by construction, not by a race against the time to first token.
            simulator.holdAnswers();
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    connections.add(new Connection(simulator.port()));
                }
                for (int i = 0; i < STREAMS; i++) {
                    connections.get(i).send("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"prompt " + i + "\"}]}");
                }
                assertTrue(simulator.awaitHeldAnswers(STREAMS, Duration.ofSeconds(60)),
                        "all 256 requests received and waiting for their answer");
                assertEquals(STREAMS, simulator.peakInFlight(), "all streams open at once");
                simulator.releaseAnswers();
                for (Connection connection : connections) {
                    String response = connection.receive();
                    assertTrue(response.startsWith("HTTP/1.1 200"), response);
                    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
                    assertTrue(head.contains("transfer-encoding: chunked"), head);
                    assertTrue(!head.contains("content-length"), head);
                    assertEquals(1 + tokens / 2 + 1, count(response, "\"delta\":"), response);
                    assertTrue(response.endsWith("data: [DONE]\n\n"), response);
                }
            } finally {
                for (Connection connection : connections) {
                    connection.socket.close();
                }
            }
            assertEquals(STREAMS, simulator.requestCount());
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** One HTTP/1.1 connection that reads a chunked body to its last chunk. */
    private static final class Connection {
        final Socket socket = new Socket();
        final InputStream in;

        Connection(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
        }

        void send(String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer k\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
        }

        /** The head and the de-chunked body of one response. */
        String receive() throws IOException {
            String head = line("\r\n\r\n");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line("\r\n").trim(), 16);
                if (size == 0) {
                    line("\r\n");
                    return head + new String(body.toByteArray(), StandardCharsets.UTF_8);
                }
                body.write(in.readNBytes(size));
                line("\r\n");
            }
        }

        private String line(String end) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (!bytes.toString(StandardCharsets.US_ASCII).endsWith(end)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + bytes);
                }
                bytes.write(b);
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }
}
