package dev.promptbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.TokenCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Key or Entra ID, where the token comes from, and the {@code --header}s, as the resolver decides them. */
class EndpointResolverAuthTest {
    private static final String KEY = "azure-KEYGREP-0123456789abcdef";
    private static final String CONTOSO = "https://contoso.openai.azure.com";

    @TempDir
    Path dir;

    private static Map<String, String> azure(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("AZURE_OPENAI_ENDPOINT", CONTOSO,
                "AZURE_OPENAI_DEPLOYMENT", "gpt-4o-mini"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static EndpointFlags flags(String auth, String tokenCommand, Map<String, String> headers) {
        return EndpointFlags.none().withAuth(auth == null ? null : Auth.valueOf(auth.toUpperCase(java.util.Locale.ROOT)),
                tokenCommand, headers);
    }

    private static Resolution resolve(Map<String, String> env, EndpointFlags flags) {
        return new EndpointResolver(env, Clock.systemUTC()).resolve(flags);
    }

    private static Endpoint single(Resolution resolution) {
        assertEquals(1, resolution.endpoints().size());
        return resolution.endpoints().get(0);
    }

    /** A JWT-shaped token (unsigned) expiring at {@code exp} seconds since the epoch. */
    private static String jwt(long exp, String tag) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8)) + ".TOKENGREP" + tag;
    }

    private static long inTwoHours() {
        return System.currentTimeMillis() / 1000 + 7200;
    }

    private String script(String body) throws IOException {
        Path file = dir.resolve("token-" + Integer.toHexString(body.hashCode()) + ".sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return "'" + file + "'";
    }

    private static void assertNoSecret(Resolution resolution) {
        for (String line : resolution.provenance()) {
            assertFalse(line.contains("KEYGREP") || line.contains("TOKENGREP") || line.contains("SUBGREP"), line);
        }
    }

    @Test
    void aKeyIsUsedWhenItsVariableIsSetEvenWithATokenThere() {
        Resolution resolution = resolve(azure("AZURE_OPENAI_API_KEY", KEY,
                "AZURE_OPENAI_AD_TOKEN", jwt(inTwoHours(), "")), EndpointFlags.none());

        assertEquals("api-key", single(resolution).credential().headerName());
        assertTrue(resolution.provenance().contains("$AZURE_OPENAI_AD_TOKEN ignored: $AZURE_OPENAI_API_KEY is set"
                + " (pass --auth entra to use the token)"), resolution.provenance().toString());
        assertNoSecret(resolution);
    }

    @Test
    void theTokenVariableAloneMeansEntra() {
        String token = jwt(inTwoHours(), "");
        Resolution resolution = resolve(azure("AZURE_OPENAI_AD_TOKEN", token), EndpointFlags.none());

        Endpoint endpoint = single(resolution);
        assertInstanceOf(TokenCredential.class, endpoint.credential());
        assertEquals("Bearer " + token, endpoint.credential().headerValue());
        assertEquals("bearer token from $AZURE_OPENAI_AD_TOKEN", endpoint.credential().describe());
        String line = resolution.provenance().stream().filter(l -> l.startsWith("Authorization")).findFirst()
                .orElseThrow();
        assertTrue(line.startsWith("Authorization = Bearer *** (Entra ID token from $AZURE_OPENAI_AD_TOKEN, expires "),
                line);
        assertTrue(line.endsWith("not refreshed: a longer run needs --token-command)"), line);
        assertNoSecret(resolution);
    }

    @Test
    void authEntraBeatsASetKey() {
        Resolution resolution = resolve(azure("AZURE_OPENAI_API_KEY", KEY, "AZURE_OPENAI_AD_TOKEN", "opaque-TOKENGREP"),
                flags("entra", null, Map.of()));

        assertEquals("Authorization", single(resolution).credential().headerName());
        assertTrue(resolution.provenance().contains("$AZURE_OPENAI_API_KEY ignored: --auth entra"));
        assertNoSecret(resolution);
    }

    @Test
    void authEntraWithoutATokenSaysHowToGetOne() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve(azure("AZURE_OPENAI_API_KEY", KEY), flags("entra", null, Map.of())));
        assertEquals("--auth entra needs a token: set AZURE_OPENAI_AD_TOKEN or pass --token-command \"az account"
                + " get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv\"",
                e.getMessage());
    }

    @Test
    void anExpiredTokenVariableIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve(azure("AZURE_OPENAI_AD_TOKEN", jwt(1000, "")), EndpointFlags.none()));
        assertTrue(e.getMessage().startsWith("$AZURE_OPENAI_AD_TOKEN expired at 1970-01-01T00:16:40Z: get a new one,"),
                e.getMessage());
        assertFalse(e.getMessage().contains("TOKENGREP"));
    }

    @Test
    void authKeyRefusesATokenCommand() {
        // Any other --auth value is refused by the command line's parser (see cli/BadInputTest).
        assertThrows(ConfigException.class, () -> resolve(azure("AZURE_OPENAI_API_KEY", KEY),
                flags("key", "echo x", Map.of())));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theTokenCommandRunsOnceForAWholePoolAndBeatsTheVariables() throws IOException {
        Path count = dir.resolve("count");
        String token = jwt(inTwoHours(), "cmd");
        String command = script("echo x >> '" + count + "'; echo '" + token + "'");
        Path config = Files.writeString(dir.resolve("pool.yaml"), """
                profiles:
                  pool:
                    endpoints:
                      - {name: east, url: https://east.openai.azure.com, deployment: d}
                      - {name: west, url: https://west.openai.azure.com, deployment: d}
                """);
        EndpointFlags flags = new EndpointFlags(null, null, null, null, null, config, "pool", null)
                .withAuth(null, command, Map.of());

        Resolution resolution = resolve(Map.of("AZURE_OPENAI_API_KEY", KEY, "AZURE_OPENAI_AD_TOKEN", "other"), flags);

        assertEquals(1, Files.readAllLines(count).size(), "one token for every endpoint");
        for (Endpoint endpoint : resolution.endpoints()) {
            assertEquals("Bearer " + token, endpoint.credential().headerValue());
            assertEquals("bearer token from --token-command", endpoint.credential().describe());
        }
        assertTrue(resolution.provenance().stream().anyMatch(l -> l.startsWith("[west] Authorization = Bearer ***"
                + " (Entra ID token from --token-command, fetched again 5 min before it expires; this one expires ")));
        assertTrue(resolution.provenance().contains("[east] $AZURE_OPENAI_API_KEY ignored: --token-command is given"));
        assertNoSecret(resolution);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aFailingTokenCommandIsAConfigurationErrorBeforeAnythingIsSent() throws IOException {
        String command = script("echo 'ERROR: Please run az login to setup account.' >&2; exit 1");
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(azure(), flags(null, command, Map.of())));
        assertEquals("--token-command failed (exit 1): ERROR: Please run az login to setup account.", e.getMessage());
    }

    @Test
    void headersGoOnEveryEndpointAndShowAsStars() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Ocp-Apim-Subscription-Key", "SUBGREP-1234567890");
        headers.put("X-Team", "bench");
        Resolution resolution = resolve(azure("AZURE_OPENAI_API_KEY", KEY), flags(null, null, headers));

        assertEquals(headers, single(resolution).headers());
        assertTrue(resolution.provenance().contains("header Ocp-Apim-Subscription-Key = *** (from --header)"));
        assertTrue(resolution.provenance().contains("header X-Team = *** (from --header)"));
        assertNoSecret(resolution);
    }

    @Test
    void aHeaderNamedLikeTheCredentialHeaderIsRefused() {
        ConfigException key = assertThrows(ConfigException.class, () -> resolve(azure("AZURE_OPENAI_API_KEY", KEY),
                flags(null, null, Map.of("API-KEY", "SUBGREP-x"))));
        assertEquals("--header API-KEY is refused: promptbench sends api-key itself (api-key from"
                + " $AZURE_OPENAI_API_KEY); set the key variable, or use --auth entra with $AZURE_OPENAI_AD_TOKEN or"
                + " --token-command", key.getMessage());
        assertThrows(ConfigException.class, () -> resolve(azure("AZURE_OPENAI_AD_TOKEN", "opaque"),
                flags(null, null, Map.of("Authorization", "Bearer SUBGREP"))));
        // With key auth on Azure, Authorization is not the credential header: a gateway may want both.
        Resolution both = resolve(azure("AZURE_OPENAI_API_KEY", KEY),
                flags(null, null, Map.of("Authorization", "Bearer gateway-token")));
        assertInstanceOf(ApiKeyCredential.class, single(both).credential());
        assertEquals(List.of("Authorization"), List.copyOf(single(both).headers().keySet()));
    }

    @Test
    void theFlagsToStringHidesTheCommandAndHeaderValues() {
        String text = flags("entra", "az --secret HUSH", Map.of("X-Key", "SUBGREP")).toString();
        assertFalse(text.contains("HUSH") || text.contains("SUBGREP"), text);
    }
}
