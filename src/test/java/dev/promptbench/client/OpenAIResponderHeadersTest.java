package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.promptbench.clock.Ticker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gateway headers ({@code --header}) on every request, and their values kept out of every message. */
@WireMockTest
class OpenAIResponderHeadersTest {
    private static final String SUBSCRIPTION_KEY = "apim-SUBKEY-0123456789abcdef";

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

    private Endpoint gateway(Map<String, String> headers) {
        return ClientFixtures.azure(base).withHeaders(headers);
    }

    @Test
    void extraHeadersGoWithEveryRequestAndMayReplaceTheUserAgent() {
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Ocp-Apim-Subscription-Key", SUBSCRIPTION_KEY);
        headers.put("User-Agent", "corp-bench/1");

        assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(), gateway(headers)));

        verify(postRequestedFor(urlPathEqualTo("/openai/deployments/dep/chat/completions"))
                .withHeader("Ocp-Apim-Subscription-Key", equalTo(SUBSCRIPTION_KEY))
                .withHeader("User-Agent", equalTo("corp-bench/1"))
                .withHeader("api-key", equalTo(ClientFixtures.KEY)));
    }

    @Test
    void aStreamedRequestAcceptsAnEventStreamOrJsonSoStrictGatewaysDoNotAnswer406() {
        stubFor(post(anyUrl()).willReturn(okJson(ClientFixtures.AZURE_COMPLETION)));

        responder.call(ClientFixtures.streamRequest(), gateway(Map.of()));

        verify(postRequestedFor(urlPathEqualTo("/openai/deployments/dep/chat/completions"))
                .withHeader("Accept", equalTo("text/event-stream, application/json")));
    }

    @Test
    void aGatewayEchoingTheHeaderValueHasItRedacted() {
        stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"statusCode\":401,\"message\":\"Access denied: invalid subscription key "
                        + SUBSCRIPTION_KEY + "\"}")));

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, responder.call(ClientFixtures.request(),
                gateway(Map.of("Ocp-Apim-Subscription-Key", SUBSCRIPTION_KEY))));

        assertEquals(ErrorKind.UNAUTHORIZED, failure.kind());
        assertFalse(failure.message().contains("SUBKEY"), failure.message());
    }

    @Test
    void anUnsendableHeaderValueFailsWithoutShowingIt() {
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, responder.call(ClientFixtures.request(),
                gateway(Map.of("X-Token", "SECRET-VALUE\nX-Injected: 1"))));

        assertEquals(ErrorKind.BAD_REQUEST, failure.kind());
        assertTrue(failure.message().startsWith("header X-Token is not a valid HTTP header"), failure.message());
        assertFalse(failure.message().contains("SECRET"), failure.message());
    }

    @Test
    void theEndpointsToStringShowsHeaderNamesOnly() {
        String text = gateway(Map.of("Ocp-Apim-Subscription-Key", SUBSCRIPTION_KEY)).toString();
        assertTrue(text.contains("Ocp-Apim-Subscription-Key"), text);
        assertFalse(text.contains("SUBKEY"), text);
        assertFalse(text.contains(ClientFixtures.KEY), text);
    }

    @Test
    void safeTextRedactsEverySecretItIsGivenAndAnyJwt() {
        assertEquals("a *** b *** c ***", SafeText.line("a " + SUBSCRIPTION_KEY + " b " + ClientFixtures.KEY
                + " c eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2ln", ClientFixtures.KEY + "\n" + SUBSCRIPTION_KEY));
    }
}
