package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.clock.TestClocks;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The simulator holds many slow requests at once without a thread per request. */
class SimulatorConcurrencyTest {

    private static final int CONNECTIONS = 512;

    @Test
    void holds512SlowRequestsInFlightAndAnswersThemAll() throws Exception {
        SimulatorSettings slow = new SimulatorSettings("127.0.0.1", 0, 5L,
                new SimulatorSettings.Answers(Duration.ofMillis(100), 0.0, 4, Duration.ZERO, 1));
        try (Simulator simulator = Simulator.start(slow, TestClocks.SYSTEM)) {
            // Plain sockets, all connected before the first request is written, and every answer held until
            // all 512 requests are in: they are all in flight at once by construction, however slowly a
            // loaded box reads them, not by a race against the 1.5 s service time.
            simulator.holdAnswers();
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    connections.add(new Connection(simulator.port()));
                }
                for (int i = 0; i < CONNECTIONS; i++) {
                    connections.get(i).send("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"prompt " + i + "\"}]}");
                }
                assertTrue(simulator.awaitHeldAnswers(CONNECTIONS, Duration.ofSeconds(60)),
                        "all 512 requests received and waiting for their answer");
                assertEquals(CONNECTIONS, simulator.peakInFlight(), "all requests held at once");
                simulator.releaseAnswers();
                for (Connection connection : connections) {
                    String response = connection.receive();
                    assertTrue(response.startsWith("HTTP/1.1 200"), response);
                    assertTrue(response.contains("\"finish_reason\":\"stop\""), response);
                }
            } finally {
                for (Connection connection : connections) {
                    connection.socket.close();
                }
            }
            assertEquals(CONNECTIONS, simulator.requestCount());
        }
    }

    /** One HTTP/1.1 connection speaking just enough of the protocol for this test. */
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

        /** The head and body of one response, read by its Content-Length. */
        String receive() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + head);
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.US_ASCII);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
