package dev.promptbench.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.promptbench.clock.Ticker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests through a forwarding proxy (a WireMock server that answers absolute-URI requests), and
 * the ones that must not go through it. The target has a non-loopback name ({@code api.example.test})
 * that a test DNS maps to 127.0.0.1, because loopback names always bypass the proxy.
 */
class OpenAIResponderProxyTest {
    private static final String TARGET_HOST = "api.example.test";

    private WireMockServer proxy;
    private WireMockServer target;
    private OpenAIResponder responder;

    /** Resolves the test's non-loopback name to the local target; everything else as usual. */
    private static final Dns TEST_DNS = host -> {
        if (host.equals(TARGET_HOST)) {
            try {
                return List.of(InetAddress.getByAddress(TARGET_HOST, new byte[] {127, 0, 0, 1}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return Dns.SYSTEM.lookup(host);
    };

    @BeforeEach
    void start() {
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        target = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
        target.start();
        proxy.stubFor(post(anyUrl()).willReturn(okJson(HttpsChatServer.COMPLETION)));
        target.stubFor(post(anyUrl()).willReturn(okJson(HttpsChatServer.COMPLETION)));
    }

    @AfterEach
    void stop() {
        if (responder != null) {
            responder.close();
        }
        proxy.stop();
        target.stop();
    }

    private Outcome call(String url, Map<String, String> env, String flag) {
        NetworkSettings network = NetworkSettings.systemDefaults().withProxy(ProxySettings.resolve(flag, env));
        responder = new OpenAIResponder(ClientFixtures.settings().withNetwork(network), Ticker.system(), ClientFixtures.CLOCK, TEST_DNS);
        Endpoint endpoint = ClientFixtures.openai(url).withHeaders(Map.of("X-Gateway", "team-a"));
        return responder.call(ClientFixtures.request(), endpoint);
    }

    private String proxyUrl() {
        return "http://127.0.0.1:" + proxy.port();
    }

    private String targetUrl() {
        return "http://" + TARGET_HOST + ":" + target.port();
    }

    @Test
    void requestsGoThroughTheProxyFromTheEnvironment() {
        Outcome outcome = call(targetUrl(), Map.of("HTTP_PROXY", proxyUrl()), null);

        assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
        List<LoggedRequest> through = proxy.findAll(postRequestedFor(anyUrl()));
        assertEquals(1, through.size());
        assertEquals(TARGET_HOST + ":" + target.port(), through.get(0).getHeader("Host"));
        assertEquals("team-a", through.get(0).getHeader("X-Gateway"));
        assertEquals(0, target.getAllServeEvents().size());
    }

    @Test
    void noProxyHostsGoDirect() {
        Outcome outcome = call(targetUrl(), Map.of("http_proxy", proxyUrl(), "no_proxy", ".example.test"), null);

        assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
        assertEquals(0, proxy.getAllServeEvents().size());
        assertEquals(1, target.getAllServeEvents().size());
    }

    @Test
    void theFlagReplacesTheEnvironmentsProxy() {
        Outcome outcome = call(targetUrl(), Map.of("HTTP_PROXY", "http://127.0.0.1:9"), proxyUrl());

        assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
        assertEquals(1, proxy.getAllServeEvents().size());
    }

    @Test
    void loopbackGoesDirectEvenWithAProxyFlag() {
        Outcome outcome = call("http://127.0.0.1:" + target.port(), Map.of(), proxyUrl());

        assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
        assertEquals(0, proxy.getAllServeEvents().size());
        assertEquals(1, target.getAllServeEvents().size());
    }

    @Test
    void theProxysCredentialsAnswerIts407() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("dom\\user:p@ss".getBytes(StandardCharsets.UTF_8));
        proxy.resetAll();
        proxy.stubFor(post(anyUrl()).atPriority(2).withHeader("Proxy-Authorization", absent())
                .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"corp\"")));
        proxy.stubFor(post(anyUrl()).atPriority(1).withHeader("Proxy-Authorization", equalTo(basic))
                .willReturn(okJson(HttpsChatServer.COMPLETION)));

        Outcome outcome = call(targetUrl(), Map.of(), "http://dom%5Cuser:p%40ss@127.0.0.1:" + proxy.port());

        assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
        assertEquals(2, proxy.getAllServeEvents().size(), "the challenge, then the answer with credentials");
    }

    @Test
    void refusedCredentialsAreNotSentForEverAndNotShown() {
        proxy.resetAll();
        proxy.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(407)
                .withHeader("Proxy-Authenticate", "Basic realm=\"corp\"")));

        Outcome outcome = call(targetUrl(), Map.of(), "http://user:WRONG-PASSWORD@127.0.0.1:" + proxy.port());

        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(407, failure.httpStatus());
        assertTrue(proxy.getAllServeEvents().size() <= 2);
        assertEquals(ErrorKind.UNAUTHORIZED, failure.kind());
        assertTrue(failure.message().contains("proxy"), failure.message());
        assertTrue(!failure.message().contains("WRONG-PASSWORD"), failure.message());
    }
}
