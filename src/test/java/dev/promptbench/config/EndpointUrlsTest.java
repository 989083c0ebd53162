package dev.promptbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://contoso.openai.azure.com", "https://contoso.openai.azure.com/",
                            "https://contoso.openai.azure.com//", "https://contoso.openai.azure.com/openai",
                            "https://contoso.openai.azure.com/openai/"})
    void azureDeploymentRouteIgnoresTrailingSlashesAndAnOpenaiSegment(String endpoint) {
        AzureAddress address = EndpointUrls.azureAddress(URI.create(endpoint));
        assertFalse(address.v1());
        assertEquals("https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
                        + "?api-version=2024-10-21",
                EndpointUrls.azureDeploymentChatUrl(address.resource(), "gpt-4o-mini", "2024-10-21").toString());
    }

    @Test
    void azureGatewayPathPrefixIsKept() {
        AzureAddress address = EndpointUrls.azureAddress(URI.create("https://apim.example.net:8443/team-a/"));
        assertEquals("https://apim.example.net:8443/team-a/openai/deployments/d/chat/completions?api-version=v",
                EndpointUrls.azureDeploymentChatUrl(address.resource(), "d", "v").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://contoso.openai.azure.com/openai/v1", "https://contoso.openai.azure.com/openai/v1/",
                            "https://contoso.openai.azure.com/openai/v1/chat/completions"})
    void azureV1RouteHasNoApiVersion(String endpoint) {
        AzureAddress address = EndpointUrls.azureAddress(URI.create(endpoint));
        assertTrue(address.v1());
        assertEquals("https://contoso.openai.azure.com/openai/v1/chat/completions",
                EndpointUrls.azureV1ChatUrl(address.resource(), null).toString());
        assertEquals("https://contoso.openai.azure.com/openai/v1/chat/completions?api-version=preview",
                EndpointUrls.azureV1ChatUrl(address.resource(), "preview").toString());
    }

    @Test
    void pastedFullAzureUrlIsTakenApart() {
        AzureAddress address = EndpointUrls.azureAddress(URI.create(
                "https://x.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2024-06-01"));
        assertEquals(new AzureAddress(URI.create("https://x.openai.azure.com"), false, "dep", "2024-06-01"), address);
    }

    @Test
    void bareAzureUrlCarriesNoDeploymentOrVersion() {
        AzureAddress address = EndpointUrls.azureAddress(URI.create("https://x.openai.azure.com"));
        assertNull(address.deployment());
        assertNull(address.apiVersion());
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.openai.com/v1,                     https://api.openai.com/v1/chat/completions",
        "https://api.openai.com/v1/,                    https://api.openai.com/v1/chat/completions",
        "http://localhost:11434/v1,                     http://localhost:11434/v1/chat/completions",
        "http://localhost:8000,                         http://localhost:8000/v1/chat/completions",
        "http://localhost:8000/,                        http://localhost:8000/v1/chat/completions",
        "https://gateway.example.com/llm/openai/v1,     https://gateway.example.com/llm/openai/v1/chat/completions",
        "http://localhost:8000/v1/chat/completions,     http://localhost:8000/v1/chat/completions",
        "https://gw.example.com/v1?tenant=a,            https://gw.example.com/v1/chat/completions?tenant=a",
    })
    void openAiBaseUrls(String base, String expected) {
        assertEquals(expected, EndpointUrls.openAiChatUrl(URI.create(base)).toString());
    }

    @ParameterizedTest
    @CsvSource({
        "https://contoso.openai.azure.com,                           AZURE",
        "https://contoso.cognitiveservices.azure.com,                AZURE",
        "https://contoso.services.ai.azure.com/,                     AZURE",
        "https://CONTOSO.OpenAI.Azure.com,                           AZURE",
        "http://localhost:8080/openai/deployments/d/chat/completions, AZURE",
        "http://10.0.0.5:8000/openai/v1,                             AZURE",
        "https://api.openai.com,                                     OPENAI",
        "http://localhost:11434/v1,                                  OPENAI",
        "http://10.0.0.5:8000/v1/chat/completions,                   OPENAI",
    })
    void providerIsInferredFromHostOrPath(String url, Provider expected) {
        assertEquals(Optional.of(expected), EndpointUrls.inferProvider(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.5:8000", "https://llm.internal.example.com/api", "http://localhost:8080"})
    void providerCannotBeInferredFromABareHost(String url) {
        assertEquals(Optional.empty(), EndpointUrls.inferProvider(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"contoso.openai.azure.com", "ftp://contoso.openai.azure.com", "https://", "http:///v1",
                            "https://contoso openai.azure.com", "not a url", "https://exa mple.com"})
    void malformedUrlsAreRejectedNamingTheFlagAndValue(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> EndpointUrls.parse(value, "--endpoint"));
        assertTrue(e.getMessage().startsWith("--endpoint '" + value + "'"), e.getMessage());
    }

    @Test
    void userInfoIsRejectedWithoutEchoingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> EndpointUrls.parse("https://me:s3cret-pass@x.openai.azure.com", "--endpoint"));
        assertFalse(e.getMessage().contains("s3cret-pass"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "AZURE,  https://x.openai.azure.com,  2024-10-21,         max_completion_tokens",
        "AZURE,  https://x.openai.azure.com,  2024-09-01-preview, max_completion_tokens",
        "AZURE,  https://x.openai.azure.com,  2024-06-01,         max_tokens",
        "AZURE,  https://x.openai.azure.com,  2024-08-01-preview, max_tokens",
        "AZURE,  https://x.openai.azure.com,  ,                   max_completion_tokens",
        "AZURE,  https://x.openai.azure.com,  preview,            max_completion_tokens",
        "OPENAI, https://api.openai.com/v1,   ,                   max_completion_tokens",
        "OPENAI, http://localhost:11434/v1,   ,                   max_tokens",
        "OPENAI, http://vllm.internal:8000/v1, ,                  max_tokens",
    })
    void maxTokensFieldDefaults(Provider provider, String url, String apiVersion, String expected) {
        assertEquals(expected, EndpointUrls.defaultMaxTokensField(provider, URI.create(url), apiVersion));
    }

    @ParameterizedTest
    @CsvSource({"http://localhost:1/v1, true", "http://127.0.0.1:1/v1, true", "http://[::1]:1/v1, true",
                "http://10.0.0.5:1/v1, false", "https://api.openai.com/v1, false"})
    void loopbackHosts(String url, boolean expected) {
        assertEquals(expected, EndpointUrls.isLoopback(URI.create(url)));
    }
}
