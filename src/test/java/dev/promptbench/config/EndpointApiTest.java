package dev.promptbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.Api;
import dev.promptbench.client.Endpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which API an endpoint speaks: --api beats the profile's api: key, which beats chat. */
class EndpointApiTest {

    private static final Map<String, String> AZURE = Map.of("AZURE_OPENAI_ENDPOINT", "https://contoso.openai.azure.com",
            "AZURE_OPENAI_API_KEY", "FAKE-KEY-1", "AZURE_OPENAI_DEPLOYMENT", "dep");

    @Test
    void chatUnlessToldOtherwise() {
        Endpoint endpoint = single(new EndpointResolver(AZURE, Clock.systemUTC()).resolve(EndpointFlags.none()));

        assertEquals(Api.CHAT, endpoint.api());
        assertEquals(URI.create("https://contoso.openai.azure.com/openai/deployments/dep/chat/completions"
                + "?api-version=2024-10-21"), endpoint.requestUrl());
    }

    @Test
    void apiFlagSendsAzureDeploymentsToTheV1ResponsesRoute() {
        Resolution resolution = new EndpointResolver(AZURE, Clock.systemUTC()).resolve(EndpointFlags.none().withApi(Api.RESPONSES));
        Endpoint endpoint = single(resolution);

        assertEquals(Api.RESPONSES, endpoint.api());
        assertEquals(URI.create("https://contoso.openai.azure.com/openai/v1/responses"), endpoint.requestUrl());
        assertEquals("dep", endpoint.bodyModel());
        assertTrue(resolution.provenance().contains("api = responses (from --api)"), resolution.provenance().toString());
        assertTrue(resolution.provenance().contains("url = https://contoso.openai.azure.com/openai/v1/responses"),
                resolution.provenance().toString());
    }

    @Test
    void theProfileKeyChoosesAndTheFlagWins(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, """
                default_profile: lab
                profiles:
                  lab:
                    provider: openai
                    url: http://127.0.0.1:8080/v1
                    model: gpt-5-mini
                    api: responses
                """);
        EndpointFlags flags = new EndpointFlags(null, null, null, null, null, config, null, null);
        Map<String, String> env = Map.of("OPENAI_API_KEY", "FAKE-KEY-2");

        Endpoint fromProfile = single(new EndpointResolver(env, Clock.systemUTC()).resolve(flags));
        Endpoint fromFlag = single(new EndpointResolver(env, Clock.systemUTC()).resolve(flags.withApi(Api.CHAT)));

        assertEquals(URI.create("http://127.0.0.1:8080/v1/responses"), fromProfile.requestUrl());
        assertEquals(URI.create("http://127.0.0.1:8080/v1/chat/completions"), fromFlag.requestUrl());
    }

    @Test
    void anUnknownApiInTheProfileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.parse("""
                profiles:
                  lab:
                    provider: openai
                    model: m
                    api: completions
                """, "t.yaml"));

        assertTrue(e.getMessage().contains("api must be chat or responses, not 'completions'"), e.getMessage());
    }

    private static Endpoint single(Resolution resolution) {
        assertEquals(1, resolution.endpoints().size());
        return resolution.endpoints().get(0);
    }
}
