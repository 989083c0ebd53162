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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the shared OkHttp client is configured, pools connections and shuts down. Uses a JDK
 * server whose handler holds every request until told to answer, so "N calls in flight at once"
 * is a fact of the test, not a matter of timing.
 */
class OpenAIResponderConnectionsTest {

    private static final int CALLS = 8;

    private final CountDownLatch arrived = new CountDownLatch(CALLS);
    private final CountDownLatch firstArrival = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService workers;
    private String base;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(CALLS));
        server.createContext("/", this::answerWhenReleased);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        workers = Executors.newFixedThreadPool(CALLS);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        workers.shutdownNow();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void keepsEveryConnectionOfAFullWorkerPoolIdleForReuse() throws Exception {
        try (OpenAIResponder responder = new OpenAIResponder(
                new ClientSettings(CALLS, Duration.ofSeconds(30), Duration.ofSeconds(5)), Ticker.system(), Clock.systemUTC())) {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                outcomes.add(workers.submit(() -> callAzure(responder)));
            }
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "all calls in flight at once");
            release.countDown();
            for (Future<Outcome> outcome : outcomes) {
                assertInstanceOf(Outcome.Success.class, outcome.get(10, TimeUnit.SECONDS));
            }

            // OkHttp's default pool would keep only 5 of them.
            assertEquals(CALLS, responder.connectionPool().idleConnectionCount());
            responder.evictConnections();
            assertEquals(0, responder.connectionPool().connectionCount());
        }
    }

    @Test
    void closingCancelsCallsInFlightAsInterrupted() throws Exception {
        OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), Clock.systemUTC());
        Future<Outcome> outcome = workers.submit(() -> callAzure(responder));
        assertTrue(firstArrival.await(10, TimeUnit.SECONDS), "request in flight");

        responder.close();

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(ErrorKind.INTERRUPTED, failure.kind());
        assertEquals("cancelled: the client was closed", failure.message());
        assertTrue(responder.httpClient().dispatcher().executorService().isShutdown());
        assertEquals(ErrorKind.INTERRUPTED,
                ((Outcome.Failure) responder.call(ClientFixtures.request(), ClientFixtures.azure(base))).kind());
    }

    @Test
    void theCallTimeoutBoundsTheWholeCallAndNothingElseCutsIt() {
        try (OpenAIResponder responder = new OpenAIResponder(ClientSettings.defaults(16), Ticker.system(), Clock.systemUTC())) {
            OkHttpClient client = responder.httpClient();

            assertEquals(Duration.ofMinutes(10).toMillis(), client.callTimeoutMillis());
            assertEquals(0, client.readTimeoutMillis(), "OkHttp's 10 s default would cut slow answers");
            assertEquals(0, client.writeTimeoutMillis());
            assertEquals(10_000, client.connectTimeoutMillis());
            assertEquals(false, client.retryOnConnectionFailure());
            assertEquals(false, client.followRedirects());
            assertTrue(client.dispatcher().getMaxRequestsPerHost() >= 16);
        }
    }

    private Outcome callAzure(OpenAIResponder responder) {
        return responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
    }

    private void answerWhenReleased(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            arrived.countDown();
            firstArrival.countDown();
            if (!release.await(10, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(504, -1);
                return;
            }
            byte[] body = ClientFixtures.AZURE_COMPLETION.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
