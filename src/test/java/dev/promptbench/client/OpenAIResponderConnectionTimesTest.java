package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.ConnectionTimes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection phases from OkHttp's event listener, on every outcome that reached the network. */
@WireMockTest
class OpenAIResponderConnectionTimesTest {

    private OpenAIResponder responder;
    private String base;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK);
        base = "http://127.0.0.1:" + wm.getHttpPort();
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION)));
    }

    @AfterEach
    void tearDown() {
        responder.close();
    }

    @Test
    void aFreshConnectionIsTimedAndAPooledOneIsReused() {
        ConnectionTimes first = call().connection();
        ConnectionTimes second = call().connection();

        assertNotNull(first);
        assertTrue(first.connectNanos() > 0, first.toString());
        assertFalse(first.reused());
        assertEquals("http/1.1", first.protocol());
        assertEquals(0, first.dnsNanos(), "an IP address is not looked up");
        assertEquals(0, first.tlsNanos(), "plain http");
        assertTrue(first.headersNanos() > 0, first.toString());

        assertTrue(second.reused(), second.toString());
        assertEquals(0, second.connectNanos());
        assertEquals(0, second.dnsNanos());
        assertEquals("http/1.1", second.protocol());
        assertTrue(second.headersNanos() > 0);
    }

    @Test
    void aHostNameIsLookedUp(WireMockRuntimeInfo wm) {
        Outcome outcome = responder.call(ClientFixtures.request(),
                ClientFixtures.azure("http://localhost:" + wm.getHttpPort()));

        assertTrue(outcome.connection().dnsNanos() > 0, outcome.connection().toString());
    }

    @Test
    void errorResponsesAndStreamsCarryThemToo() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500)));
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, call());
        stubFor(post(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody(StreamFixtures.AZURE)));
        Outcome.Success streamed = assertInstanceOf(Outcome.Success.class,
                responder.call(ClientFixtures.streamRequest(), ClientFixtures.azure(base)));

        assertFalse(failure.connection().reused());
        assertTrue(failure.connection().headersNanos() > 0);
        assertTrue(streamed.connection().reused());
        assertEquals("http/1.1", streamed.connection().protocol());
    }

    @Test
    void aRefusedConnectionHasItsConnectTimeAndNoProtocol() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), ClientFixtures.azure("http://127.0.0.1:" + port)));

        assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
        ConnectionTimes connection = failure.connection();
        assertTrue(connection.connectNanos() > 0, connection.toString());
        assertNull(connection.protocol());
        assertFalse(connection.reused());
        assertEquals(0, connection.headersNanos());
    }

    @Test
    void aFailureBeforeSendingHasNone() {
        Credential broken = new Credential() {
            @Override public String headerName() { return "api-key"; }
            @Override public String headerValue() { throw new IllegalStateException("no token"); }
            @Override public String describe() { return "broken"; }
        };
        Endpoint endpoint = new Endpoint("default", ApiStyle.AZURE_DEPLOYMENT,
                URI.create(base + ClientFixtures.AZURE_PATH), "dep", null, "max_completion_tokens", broken, false);

        assertNull(responder.call(ClientFixtures.request(), endpoint).connection());
    }

    private Outcome call() {
        return responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
    }
}
