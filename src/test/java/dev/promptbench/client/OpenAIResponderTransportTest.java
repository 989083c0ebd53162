package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static dev.promptbench.client.ClientFixtures.KEY;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.promptbench.clock.Ticker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Transport failures (faults, timeouts, refused connections, interrupts) and secret hygiene. */
@WireMockTest
class OpenAIResponderTransportTest {

    private OpenAIResponder responder;
    private String base;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK);
        base = wm.getHttpBaseUrl();
    }

    @AfterEach
    void tearDown() {
        responder.close();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class,
            names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void faultsBecomeTransientFailures(Fault fault) {
        stubFor(post(anyUrl()).willReturn(aResponse().withFault(fault)));

        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, outcome);
        assertTrue(failure.kind().isTransient(), failure.kind() + ": " + failure.message());
        assertFalse(failure.message().contains(KEY));
        assertTrue(failure.message().length() <= SafeText.MAX_LENGTH);
    }

    @Test
    void aResetAfterSendingIsAConnectionLoss() {
        stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Outcome.Failure failure = (Outcome.Failure) callAzure();

        assertEquals(ErrorKind.CONNECTION_LOST, failure.kind());
        assertNull(failure.httpStatus());
        assertEquals(Timing.UNSET, failure.timing().headersNanos());
    }

    @Test
    void anEmptyResponseIsAConnectionLoss() {
        stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        Outcome.Failure failure = (Outcome.Failure) callAzure();

        assertEquals(ErrorKind.CONNECTION_LOST, failure.kind());
    }

    @Test
    void anAnswerSlowerThanTheRequestTimeoutIsATimeout() {
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION).withFixedDelay(2_000)));
        try (OpenAIResponder impatient = new OpenAIResponder(ClientFixtures.settings(Duration.ofMillis(300)), Ticker.system(), Clock.systemUTC())) {

            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                    impatient.call(ClientFixtures.request(), ClientFixtures.azure(base)));

            assertEquals(ErrorKind.TIMEOUT, failure.kind());
            assertEquals("no complete answer within the request timeout (300 ms)", failure.message());
            assertNull(failure.httpStatus());
        }
    }

    @Test
    void aClosedPortIsAConnectFailure() throws IOException {
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), ClientFixtures.azure("http://127.0.0.1:" + closedPort())));

        assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
        assertEquals("connect failed: connection refused", failure.message());
        assertEquals(Timing.UNSET, failure.timing().headersNanos());
        assertEquals(Timing.UNSET, failure.timing().firstByteNanos());
        assertTrue(failure.timing().endNanos() >= failure.timing().sentNanos());
    }

    @Test
    void anUnknownHostIsNamedInPlainWords() {
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), ClientFixtures.azure("http://no-such-host.invalid")));

        assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
        assertEquals("connect failed: unknown host no-such-host.invalid", failure.message());
    }

    @Test
    void aCallWithItsOwnBoundTimesOutOnThatBound() {
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION).withFixedDelay(3_000)));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, responder
                .withCallTimeout(Duration.ofMillis(200)).call(ClientFixtures.request(), ClientFixtures.azure(base)));

        assertEquals(ErrorKind.TIMEOUT, failure.kind());
        // On a loaded machine the bound may pass before the request is even written (", request not sent").
        assertTrue(failure.message().startsWith("no complete answer within 200 ms"), failure.message());
    }

    @Test
    void anInterruptedWorkerSendsNothingAndKeepsItsFlag(WireMockRuntimeInfo wm) {
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION)));

        Thread.currentThread().interrupt();
        Outcome outcome = responder.call(ClientFixtures.request(), ClientFixtures.azure(base));

        assertTrue(Thread.interrupted(), "interrupt flag kept (and cleared here)");
        assertEquals(ErrorKind.INTERRUPTED, assertInstanceOf(Outcome.Failure.class, outcome).kind());
        assertTrue(wm.getWireMock().getServeEvents().isEmpty());
    }

    @Test
    void theKeyNeverAppearsInAFailure() throws IOException {
        String echo = "{\"error\":{\"code\":\"" + KEY + "\",\"message\":\"Key " + KEY + " rejected at "
                + base + "/openai?api-version=2024-10-21&api-key=" + KEY + "\\nAuthorization: Bearer " + KEY + "\"}}";
        List<Outcome> outcomes = new ArrayList<>();
        for (int status : new int[] {400, 401, 429, 500}) {
            stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status).withBody(echo)));
            outcomes.add(responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
        }
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<p>" + KEY + "</p>")));
        outcomes.add(responder.call(ClientFixtures.request(), ClientFixtures.azure(base)));
        outcomes.add(responder.call(ClientFixtures.request(), withKeyInQuery("http://127.0.0.1:" + closedPort())));
        outcomes.add(responder.call(ClientFixtures.request(), ClientFixtures.azure(base, KEY + "\n")));

        assertAll(outcomes.stream().map(outcome -> () -> {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, outcome);
            String text = failure.message() + " " + failure.code();
            assertFalse(text.contains("TESTKEY"), text);
            assertFalse(text.contains("\n"), text);
        }));
    }

    @Test
    void aCredentialThatFailsIsUnauthorizedBeforeSending() {
        Credential broken = new Credential() {
            @Override public String headerName() { return "api-key"; }
            @Override public String headerValue() { throw new IllegalStateException("token refresh failed"); }
            @Override public String describe() { return "api-key from a broken source"; }
        };
        Endpoint endpoint = new Endpoint("default", ApiStyle.AZURE_DEPLOYMENT,
                URI.create(base + ClientFixtures.AZURE_PATH), "dep", null, "max_completion_tokens", broken, false);

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                responder.call(ClientFixtures.request(), endpoint));

        assertEquals(ErrorKind.UNAUTHORIZED, failure.kind());
        assertEquals("credential api-key from a broken source failed: token refresh failed", failure.message());
    }

    private Outcome callAzure() {
        return responder.call(ClientFixtures.request(), ClientFixtures.azure(base));
    }

    private static Endpoint withKeyInQuery(String base) {
        return new Endpoint("default", ApiStyle.AZURE_DEPLOYMENT,
                URI.create(base + ClientFixtures.AZURE_PATH + "&api-key=" + KEY), "dep", null,
                "max_completion_tokens", ApiKeyCredential.azureKey(KEY, "test"), false);
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
