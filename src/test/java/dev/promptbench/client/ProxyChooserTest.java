package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which requests go through the proxy, decided from the URL alone (nothing is resolved). */
class ProxyChooserTest {
    private static final String NO_PROXY = "example.com, .corp.test, *.wild.test, 192.168.1.7, 10.0.0.0/8,"
            + " fd00::/8, ported.test:8443, [2001:db8::5]:443";

    private static String route(String url, Map<String, String> env, String flag) {
        List<Proxy> proxies = new ProxyChooser(ProxySettings.resolve(flag, env)).select(URI.create(url));
        Proxy proxy = proxies.get(0);
        return proxy.type() == Proxy.Type.DIRECT ? "direct" : ((InetSocketAddress) proxy.address()).getHostString();
    }

    private static String route(String url) {
        return route(url, Map.of("HTTPS_PROXY", "http://secure-proxy:3128", "HTTP_PROXY", "http://plain-proxy:3128",
                "NO_PROXY", NO_PROXY), null);
    }

    @Test
    void theSchemePicksTheProxy() {
        assertEquals("secure-proxy", route("https://contoso.openai.azure.com/openai"));
        assertEquals("plain-proxy", route("http://gateway.internal:8000/v1"));
        assertEquals("direct", route("https://x.test", Map.of("HTTP_PROXY", "http://plain-proxy:1"), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/v1", "http://LOCALHOST/v1", "http://api.localhost/v1",
        "http://127.0.0.1:1234/v1", "http://127.8.9.10/v1", "http://[::1]:8080/v1",
        "http://[0:0:0:0:0:0:0:1]/v1", "http://localhost./v1"})
    void loopbackAlwaysGoesDirectEvenWithAnExplicitProxy(String url) {
        assertEquals("direct", route(url, Map.of(), "http://proxy.corp:3128"));
    }

    @ParameterizedTest
    @CsvSource({
        "https://example.com/v1, direct",
        "https://api.example.com/v1, direct",
        "https://badexample.com/v1, secure-proxy",
        "https://corp.test/v1, direct",
        "https://deep.name.corp.test/v1, direct",
        "https://a.wild.test/v1, direct",
        "https://wild.test/v1, direct",
        "https://192.168.1.7/v1, direct",
        "https://192.168.1.8/v1, secure-proxy",
        "https://10.200.3.4:8443/v1, direct",
        "https://11.0.0.1/v1, secure-proxy",
        "https://[fd12::9]/v1, direct",
        "https://[fe80::1]/v1, secure-proxy",
        "https://ported.test:8443/v1, direct",
        "https://ported.test/v1, secure-proxy",
        "https://[2001:db8::5]/v1, direct",
        "https://[2001:db8::5]:8443/v1, secure-proxy",
        "https://API.EXAMPLE.COM./v1, direct"})
    void noProxyEntriesMatchAsCurlMatchesThem(String url, String expected) {
        assertEquals(expected, route(url));
    }

    @Test
    void aStarBypassesEverything() {
        assertEquals("direct", route("https://anything.test", Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "*"),
                null));
    }
}
