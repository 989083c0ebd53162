package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptbench.clock.Ticker;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP version over TLS: h2 when the server offers it (WireMock's Jetty does), http/1.1 with --http1.1. */
class OpenAIResponderHttp2Test {
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(anyUrl()).willReturn(okJson(HttpsChatServer.COMPLETION)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** WireMock's own self-signed certificate is trusted as with --insecure. */
    private static OpenAIResponder responder(boolean http11Only) {
        NetworkSettings network = new NetworkSettings(ProxySettings.systemDefaults(), List.of(), "none", true,
                http11Only, false);
        return new OpenAIResponder(ClientFixtures.settings().withNetwork(network), Ticker.system(), Clock.systemUTC());
    }

    private Outcome.Success call(OpenAIResponder responder) {
        return assertInstanceOf(Outcome.Success.class, responder.call(ClientFixtures.request(),
                ClientFixtures.openai("https://127.0.0.1:" + server.httpsPort())));
    }

    @Test
    void h2IsNegotiatedWhenTheTlsServerOffersIt() {
        try (OpenAIResponder responder = responder(false)) {
            assertEquals("h2", call(responder).connection().protocol());
            assertEquals("h2", responder.lastProtocol());
        }
    }

    @Test
    void http11OnlyKeepsToHttp11() {
        try (OpenAIResponder responder = responder(true)) {
            assertEquals("http/1.1", call(responder).connection().protocol());
            assertEquals("http/1.1", responder.lastProtocol());
        }
    }
}
