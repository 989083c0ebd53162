package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.clock.Ticker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HTTPS through a CONNECT proxy, the corporate set-up: the tunnel is asked for the endpoint's own name,
 * the proxy's credentials go with the CONNECT, and the certificate is checked end to end.
 */
class OpenAIResponderTunnelTest {
    private static final String HOST = "contoso.openai.azure.com";

    private static Outcome call(HttpsChatServer server, ConnectProxy proxy, String proxyUserInfo) {
        ProxySettings proxySettings = ProxySettings.resolve(null,
                Map.of("HTTPS_PROXY", "http://" + proxyUserInfo + "127.0.0.1:" + proxy.port()));
        NetworkSettings network = new NetworkSettings(proxySettings, List.of(server.ca().certificate()), "test CA",
                false);
        int port = URI.create(server.baseUrl()).getPort();
        try (OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings().withNetwork(network), Ticker.system(), Clock.systemUTC())) {
            return responder.call(ClientFixtures.request(), ClientFixtures.openai("https://" + HOST + ":" + port));
        }
    }

    @Test
    void httpsGoesThroughTheTunnelWithTheProxysCredentials() throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString("bench:s3cret".getBytes(StandardCharsets.UTF_8));
        try (HttpsChatServer server = HttpsChatServer.start(HOST);
             ConnectProxy proxy = new ConnectProxy(URI.create(server.baseUrl()).getPort(), basic)) {
            Outcome outcome = call(server, proxy, "bench:s3cret@");

            assertInstanceOf(Outcome.Success.class, outcome, outcome.toString());
            assertTrue(proxy.connects().get(0).startsWith("CONNECT " + HOST + ":"), proxy.connects().toString());
            assertTrue(proxy.authorizations().contains(basic), "sent with the CONNECT");
            assertEquals(1, server.requests());
        }
    }

    @Test
    void aProxyRefusingTheTunnelIsAConnectFailureThatNamesNoPassword() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start(HOST);
             ConnectProxy proxy = new ConnectProxy(URI.create(server.baseUrl()).getPort(), "Basic other")) {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, call(server, proxy, "bench:WRONGPASS@"));

            assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
            assertTrue(!failure.message().contains("WRONGPASS"), failure.message());
            assertEquals(0, server.requests());
        }
    }
}
