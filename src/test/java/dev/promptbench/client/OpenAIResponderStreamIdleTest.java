package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptbench.clock.Ticker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream that sends its first events, then goes silent: the idle timeout ends it as
 * STREAM_INCOMPLETE, long before the whole-call timeout. The JDK server flushes each event and then
 * holds the exchange open until the test ends, which WireMock cannot do mid-body.
 */
class OpenAIResponderStreamIdleTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private String base;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::firstEventThenSilence);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void aStallLongerThanTheIdleTimeoutIsAnIncompleteStream() {
        ClientSettings settings = ClientFixtures.settings(Duration.ofSeconds(30))
                .withStreamIdleTimeout(Duration.ofMillis(300));
        try (OpenAIResponder responder = new OpenAIResponder(settings, Ticker.system(), Clock.systemUTC())) {

            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                    responder.call(ClientFixtures.streamRequest(), ClientFixtures.azure(base)));

            assertEquals(ErrorKind.STREAM_INCOMPLETE, failure.kind());
            assertEquals("no event for 300 ms", failure.message());
            assertEquals(200, failure.httpStatus());
            assertTrue(failure.timing().latencyNanos() >= Duration.ofMillis(300).toNanos());
            assertEquals("http/1.1", failure.connection().protocol());
        }
    }

    @Test
    void theWholeCallTimeoutStillBoundsAStreamThatIsNeverIdleLongEnough() {
        ClientSettings settings = ClientFixtures.settings(Duration.ofMillis(300))
                .withStreamIdleTimeout(Duration.ofSeconds(30));
        try (OpenAIResponder responder = new OpenAIResponder(settings, Ticker.system(), Clock.systemUTC())) {

            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                    responder.call(ClientFixtures.streamRequest(), ClientFixtures.azure(base)));

            assertEquals(ErrorKind.TIMEOUT, failure.kind());
            assertTrue(failure.message().startsWith("no complete answer within the request timeout (300 ms)"),
                    failure.message());
        }
    }

    private void firstEventThenSilence(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String first = StreamFixtures.AZURE.substring(0, StreamFixtures.AZURE.indexOf("\n\n") + 2)
                    + StreamFixtures.content("2 and");
            out.write(first.getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Silent until the test is over; the client must give up on its own.
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // Expected: the client closed the connection when it gave up.
        }
    }
}
