package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.promptbench.client.HttpsChatServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Company networks end to end: TLS trust, proxies, gateway headers, extra body, Entra ID tokens. */
@WireMockTest
class NetworkCliTest {
    private static final String KEY = "sk-KEYGREP-0123456789abcdef";
    private static final String SUBSCRIPTION_KEY = "SUBGREP-0123456789abcdef";

    @TempDir
    Path dir;

    @BeforeEach
    void stub(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(post(anyUrl()).willReturn(okJson(HttpsChatServer.COMPLETION)));
    }

    private CliRun run(Map<String, String> env, String endpoint, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "prompts/sample.txt", "--endpoint", endpoint, "--model", "m",
                "--threads", "2", "--no-warmup", "--retries", "0", "--out", dir.resolve("results.jsonl").toString(),
                "--force"));
        args.addAll(List.of(extra));
        return CliRun.of(env, args.toArray(String[]::new));
    }

    private void assertNowhere(CliRun run, String secret) throws IOException {
        assertFalse(run.out().contains(secret), run.out());
        assertFalse(run.err().contains(secret), run.err());
        Path results = dir.resolve("results.jsonl");
        if (Files.exists(results)) {
            assertFalse(Files.readString(results, StandardCharsets.UTF_8).contains(secret));
        }
    }

    // ---- TLS ----------------------------------------------------------------------------------

    @Test
    void anUntrustedCertificateStopsTheRunWithOneLineNamingTheFix() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start("127.0.0.1")) {
            CliRun run = run(Map.of(), server.baseUrl() + "/v1");

            assertEquals(ExitCode.FATAL_ENDPOINT, run.exitCode(), run.err());
            assertTrue(run.err().contains("TLS: the certificate of 127.0.0.1 is not trusted (PKIX path building failed)"
                    + " — behind a TLS-inspecting proxy? pass --ca-cert FILE (your proxy's CA, PEM) or --trust-store"
                    + " system"), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
            assertEquals(0, server.requests());
        }
    }

    @Test
    void theProxysCaGivenWithCaCertMakesItWork() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start("127.0.0.1")) {
            Path ca = Files.writeString(dir.resolve("proxy-ca.pem"), server.ca().certificatePem());

            CliRun run = run(Map.of(), server.baseUrl() + "/v1", "--ca-cert", ca.toString(), "-v");

            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertTrue(server.requests() > 0);
            assertTrue(run.err().contains("tls trust = JDK default + 1 certificate from --ca-cert " + ca
                    + " (promptbench test root CA)"), run.err());
        }
    }

    @Test
    void insecureWorksAndWarnsOnEveryRunEvenQuiet() throws IOException {
        try (HttpsChatServer server = HttpsChatServer.start("somewhere-else.test")) {
            CliRun run = run(Map.of(), server.baseUrl() + "/v1", "--insecure", "-q");

            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertTrue(run.err().contains(NetworkOptions.INSECURE_WARNING), run.err());
        }
    }

    // ---- proxy --------------------------------------------------------------------------------

    @Test
    void requestsGoThroughTheProxyAndItsPasswordIsNeverShown() throws IOException {
        WireMockServer proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
        try {
            proxy.stubFor(post(anyUrl()).willReturn(okJson(HttpsChatServer.COMPLETION)));
            String proxyUrl = "http://bench:PROXYPASS-42@127.0.0.1:" + proxy.port();

            CliRun run = run(Map.of("OPENAI_API_KEY", KEY, "NO_PROXY", "internal.example"),
                    "http://api.example.test/v1", "--proxy", proxyUrl, "-v");

            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            List<LoggedRequest> through = proxy.findAll(postRequestedFor(anyUrl()));
            assertTrue(through.size() >= 8, "canary and both modes: " + through.size());
            assertEquals("api.example.test", through.get(0).getHeader("Host"));
            assertTrue(run.err().contains("proxy = http://***@127.0.0.1:" + proxy.port() + " (from --proxy)"), run.err());
            assertTrue(run.err().contains("no proxy for loopback and internal.example (from $NO_PROXY)"), run.err());
            assertNowhere(run, "PROXYPASS");
            assertNowhere(run, "KEYGREP");
        } finally {
            proxy.stop();
        }
    }

    @Test
    void aBadProxyVariableIsAConfigError(WireMockRuntimeInfo wm) {
        CliRun run = run(Map.of("HTTPS_PROXY", "https://u:HUSH@proxy:443"), wm.getHttpBaseUrl() + "/v1");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("promptbench: $HTTPS_PROXY https://***@proxy:443: a TLS connection"), run.err());
        assertFalse(run.err().contains("HUSH"));
    }

    // ---- gateways -----------------------------------------------------------------------------

    @Test
    void headersAndExtraBodyReachEveryRequestAndHeaderValuesAreNeverShown(WireMockRuntimeInfo wm) throws IOException {
        CliRun run = run(Map.of(), wm.getHttpBaseUrl() + "/v1", "-v",
                "--header", "Ocp-Apim-Subscription-Key: " + SUBSCRIPTION_KEY, "--header", "X-Team:bench",
                "--extra-body", "{\"reasoning_effort\":\"low\",\"metadata\":{\"team\":\"bench\"}}",
                "--reasoning-effort", "high");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        List<LoggedRequest> requests = wm.getWireMock().find(postRequestedFor(anyUrl()));
        assertTrue(requests.size() >= 9, "canary and 4 prompts twice: " + requests.size());
        ObjectMapper json = new ObjectMapper();
        for (LoggedRequest request : requests) {
            assertEquals(SUBSCRIPTION_KEY, request.getHeader("Ocp-Apim-Subscription-Key"));
            assertEquals("bench", request.getHeader("X-Team"));
            JsonNode body = json.readTree(request.getBodyAsString());
            assertEquals("high", body.get("reasoning_effort").asText());
            assertEquals("bench", body.get("metadata").get("team").asText());
        }
        assertTrue(run.err().contains("header Ocp-Apim-Subscription-Key = *** (from --header)"), run.err());
        assertNowhere(run, "SUBGREP");
    }

    @Test
    void theExtraBodyMayComeFromAFile(WireMockRuntimeInfo wm) throws IOException {
        Path body = Files.writeString(dir.resolve("body.json"), "{\"service_tier\": \"flex\"}");

        CliRun run = run(Map.of(), wm.getHttpBaseUrl() + "/v1", "--extra-body", body.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        for (LoggedRequest request : wm.getWireMock().find(postRequestedFor(anyUrl()))) {
            assertTrue(request.getBodyAsString().contains("\"service_tier\":\"flex\""), request.getBodyAsString());
        }
    }

    @Test
    void badGatewayOptionsAreOneLineAndExit2(WireMockRuntimeInfo wm) {
        String url = wm.getHttpBaseUrl() + "/v1";
        CliRun json = run(Map.of(), url, "--extra-body", "{nope");
        assertEquals(ExitCode.USAGE, json.exitCode());
        assertTrue(json.err().startsWith("promptbench: --extra-body is not valid JSON: "), json.err());
        assertEquals(1, json.err().lines().count(), json.err());

        CliRun array = run(Map.of(), url, "--extra-body", "[1]");
        assertEquals(ExitCode.USAGE, array.exitCode());
        assertTrue(array.err().startsWith("promptbench: --extra-body must be a JSON object"), array.err());

        CliRun header = run(Map.of(), url, "--header", "Authorization: Bearer " + SUBSCRIPTION_KEY);
        assertEquals(ExitCode.USAGE, header.exitCode());
        assertTrue(header.err().startsWith("promptbench: --header Authorization is refused: promptbench sends"
                + " Authorization itself"), header.err());
        assertFalse(header.err().contains("SUBGREP"));

        CliRun malformed = run(Map.of(), url, "--header", SUBSCRIPTION_KEY);
        assertEquals(ExitCode.USAGE, malformed.exitCode());
        assertFalse(malformed.err().contains("SUBGREP"), malformed.err());

        CliRun effort = run(Map.of(), url, "--reasoning-effort", "max");
        assertEquals(ExitCode.USAGE, effort.exitCode());
        assertEquals(0, wm.getWireMock().find(postRequestedFor(anyUrl())).size(), "nothing sent");
    }

    @Test
    void sweepSendsTheHeadersToo(WireMockRuntimeInfo wm) {
        CliRun run = CliRun.of(Map.of(), "sweep", "prompts/sample.txt", "--threads", "1,2", "--min-requests", "8",
                "--endpoint", wm.getHttpBaseUrl() + "/v1", "--model", "m", "--no-warmup", "--yes",
                "--out", dir.resolve("sweep.jsonl").toString(), "--header", "X-Team: bench");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        for (LoggedRequest request : wm.getWireMock().find(postRequestedFor(anyUrl()))) {
            assertEquals("bench", request.getHeader("X-Team"));
        }
    }

    // ---- Entra ID -----------------------------------------------------------------------------

    private String script(String body) throws IOException {
        Path file = dir.resolve("token-" + Integer.toHexString(body.hashCode()) + ".sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return "'" + file + "'";
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theTokenFromTheCommandIsSentAsBearerAndNeverShown(WireMockRuntimeInfo wm) throws IOException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"exp\":" + (System.currentTimeMillis() / 1000 + 7200) + "}")
                .getBytes(StandardCharsets.UTF_8)) + ".TOKENGREP";
        Path count = dir.resolve("count");
        String command = script("echo x >> '" + count + "'; echo '" + token + "'");

        CliRun run = run(Map.of("OPENAI_API_KEY", KEY), wm.getHttpBaseUrl() + "/v1", "--token-command", command, "-v");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        for (LoggedRequest request : wm.getWireMock().find(postRequestedFor(anyUrl()))) {
            assertEquals("Bearer " + token, request.getHeader("Authorization"));
        }
        assertEquals(1, Files.readAllLines(count).size(), "a two-hour token is fetched once");
        assertTrue(run.err().contains("$OPENAI_API_KEY ignored: --token-command is given"), run.err());
        assertNowhere(run, "TOKENGREP");
        assertNowhere(run, token.substring(0, 12));
        assertNowhere(run, "KEYGREP");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aFailingTokenCommandIsOneLineAndNothingIsSent(WireMockRuntimeInfo wm) throws IOException {
        String command = script("echo 'nope: not logged in' >&2; exit 7");

        CliRun run = run(Map.of(), wm.getHttpBaseUrl() + "/v1", "--token-command", command);

        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertEquals("promptbench: --token-command failed (exit 7): nope: not logged in", run.err().strip());
        assertEquals(0, wm.getWireMock().find(postRequestedFor(anyUrl())).size());
    }
}
