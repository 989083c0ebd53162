package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy variables read as curl reads them, and --proxy. */
class ProxySettingsTest {

    @Test
    void nothingSetLeavesTheJvmDefaults() {
        ProxySettings settings = ProxySettings.resolve(null, Map.of("NO_PROXY", "example.com"));
        assertFalse(settings.configured());
        assertFalse(settings.anyProxy());
    }

    @Test
    void httpsAndHttpProxiesComeFromTheirOwnVariablesLowerCaseFirst() {
        ProxySettings settings = ProxySettings.resolve(null, Map.of(
                "https_proxy", "http://lower:3128", "HTTPS_PROXY", "http://upper:3128",
                "HTTP_PROXY", "http://plain:8080", "no_proxy", ".corp, 10.0.0.0/8"));
        assertEquals("lower", settings.https().host());
        assertEquals("from $https_proxy", settings.https().source());
        assertEquals("plain", settings.http().host());
        assertEquals(8080, settings.http().port());
        assertEquals(List.of(".corp", "10.0.0.0/8"), settings.noProxy());
        assertEquals("from $no_proxy", settings.noProxySource());
    }

    @Test
    void allProxyIsTheFallbackForBoth() {
        ProxySettings settings = ProxySettings.resolve(null, Map.of("ALL_PROXY", "socks5://socks.corp:1080",
                "HTTPS_PROXY", "http://web.corp:3128"));
        assertEquals("web.corp", settings.https().host());
        assertEquals(Proxy.Type.SOCKS, settings.http().type());
    }

    @Test
    void theFlagBeatsTheVariablesButNoProxyStillApplies() {
        ProxySettings settings = ProxySettings.resolve("proxy.corp:8888", Map.of("HTTPS_PROXY", "http://env:1",
                "NO_PROXY", "internal.example"));
        assertSame(settings.https(), settings.http());
        assertEquals("proxy.corp", settings.https().host());
        assertEquals(8888, settings.https().port());
        assertEquals("from --proxy", settings.https().source());
        assertEquals(List.of("internal.example"), settings.noProxy());
    }

    @Test
    void proxyNoneIgnoresTheVariables() {
        ProxySettings settings = ProxySettings.resolve("none", Map.of("HTTPS_PROXY", "http://env:1"));
        assertTrue(settings.configured());
        assertFalse(settings.anyProxy());
    }

    @Test
    void withoutSchemeOrPortItIsHttpOnCurlsPort1080() {
        ProxyServer server = ProxySettings.parse("Proxy.Corp", "from test", "test");
        assertEquals(Proxy.Type.HTTP, server.type());
        assertEquals("proxy.corp", server.host());
        assertEquals(1080, server.port());
    }

    @Test
    void credentialsAreDecodedAndNeverShown() {
        ProxyServer server = ProxySettings.parse("http://dom%5Cuser:p%40ss:w@rd@proxy.corp:3128/", "from --proxy",
                "--proxy");
        assertEquals("dom\\user", server.user());
        assertEquals("p@ss:w@rd", server.password());
        assertEquals("http://***@proxy.corp:3128", server.display());
        assertFalse(server.toString().contains("user") || server.toString().contains("rd"), server.toString());
        assertFalse(ProxySettings.resolve("http://u:hush@p:1", Map.of()).toString().contains("hush"));
        assertTrue(ProxySettings.resolve("http://u:hush@p:1", Map.of()).describe().get(0)
                .startsWith("proxy = http://***@p:1 (from --proxy)"));
    }

    @Test
    void ipv6ProxiesWork() {
        ProxyServer server = ProxySettings.parse("http://[fd00::1]:3128", "from test", "test");
        assertEquals("fd00::1", server.host());
        assertEquals("http://[fd00::1]:3128", server.display());
    }

    @Test
    void unusableProxiesAreExplainedWithoutTheirPassword() {
        IllegalArgumentException https = assertThrows(IllegalArgumentException.class,
                () -> ProxySettings.resolve(null, Map.of("HTTPS_PROXY", "https://u:hush@proxy:443")));
        assertTrue(https.getMessage().startsWith("$HTTPS_PROXY https://***@proxy:443: a TLS connection to the proxy"),
                https.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> ProxySettings.resolve("http://u:hush@proxy:99999", Map.of()));
        assertEquals("--proxy http://***@proxy:99999: the port must be a number 1..65535", port.getMessage());
        IllegalArgumentException socks = assertThrows(IllegalArgumentException.class,
                () -> ProxySettings.resolve("socks5://u:hush@proxy:1080", Map.of()));
        for (IllegalArgumentException e : List.of(https, port, socks)) {
            assertFalse(e.getMessage().contains("hush"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ProxySettings.resolve("ftp://proxy:21", Map.of()));
    }

    @Test
    void aBadNoProxyRangeNamesItsVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxySettings.resolve(null, Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "10.0.0.0/33")));
        assertEquals("no_proxy entry '10.0.0.0/33' (from $NO_PROXY) is not an address range like 10.0.0.0/8",
                e.getMessage());
    }

    @Test
    void describeSaysWhatGoesWhere() {
        ProxySettings settings = ProxySettings.resolve(null, Map.of("HTTPS_PROXY", "http://p:3128",
                "NO_PROXY", "a.example,b.example"));
        assertEquals(List.of("proxy for https = http://p:3128 (from $HTTPS_PROXY)", "proxy for http = none (direct)",
                "no proxy for loopback and a.example, b.example (from $NO_PROXY)"), settings.describe());
        assertNull(settings.http());
    }
}
