package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.clock.TestClocks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A required key and a fixed set of deployments, answered 401 and 404 in each route's shape. */
class SimulatorAccessTest {

    private static final String KEY = "rehearsal-key-7f3a";
    private static final String AZURE_OK = "/openai/deployments/gpt-a/chat/completions?api-version=2024-10-21";
    private static final String AZURE_UNKNOWN = "/openai/deployments/gpt-z/chat/completions?api-version=2024-10-21";
    private static final String AZURE_V1 = "/openai/v1/chat/completions";
    private static final String OPENAI = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Simulator simulator;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(SimulatorSettings.instant()
                .withAccess(new SimulatorSettings.Access(KEY, Set.of("gpt-a", "gpt-b"))), TestClocks.SYSTEM);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static String body(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error");
    }

    @ParameterizedTest
    @ValueSource(strings = {AZURE_OK, AZURE_V1})
    void azureRoutesAcceptOnlyTheKeyAsApiKeyOrBearer(String path) throws Exception {
        assertEquals(200, post(path, body("gpt-a"), "api-key", KEY).statusCode());
        assertEquals(200, post(path, body("gpt-a"), "Authorization", "Bearer " + KEY).statusCode());
        for (List<String> wrong : List.of(List.of("api-key", "wrong"), List.of("Authorization", "Bearer wrong"),
                List.of("api-key", KEY + "x"))) {
            HttpResponse<String> refused = post(path, body("gpt-a"), wrong.toArray(String[]::new));
            assertEquals(401, refused.statusCode(), wrong.toString());
            assertEquals("401", error(refused).path("code").asText());
            assertTrue(error(refused).path("message").asText().startsWith("Access denied"));
        }
    }

    @Test
    void openAiRouteAnswersInvalidApiKeyWithoutQuotingIt() throws Exception {
        assertEquals(200, post(OPENAI, body("gpt-a"), "Authorization", "Bearer " + KEY).statusCode());
        HttpResponse<String> refused = post(OPENAI, body("gpt-a"), "Authorization", "Bearer sk-wrong-123");
        assertEquals(401, refused.statusCode());
        assertEquals("invalid_api_key", error(refused).path("code").asText());
        assertFalse(refused.body().contains("sk-wrong"), refused.body());
        assertEquals(401, post(OPENAI, body("gpt-a"), "api-key", KEY).statusCode(), "OpenAI takes only bearer");
    }

    @Test
    void anUnknownAzureDeploymentIs404DeploymentNotFound() throws Exception {
        HttpResponse<String> response = post(AZURE_UNKNOWN, body("x"), "api-key", KEY);
        assertEquals(404, response.statusCode());
        assertEquals("DeploymentNotFound", error(response).path("code").asText());
        assertTrue(error(response).path("message").asText()
                .startsWith("The API deployment for this resource does not exist."));
        assertEquals(401, post(AZURE_UNKNOWN, body("x"), "api-key", "wrong").statusCode(), "the key is checked first");
    }

    @ParameterizedTest
    @ValueSource(strings = {AZURE_V1, OPENAI})
    void anUnknownModelOnTheV1RoutesIs404ModelNotFound(String path) throws Exception {
        HttpResponse<String> response = post(path, body("gpt-z"), "Authorization", "Bearer " + KEY);
        assertEquals(404, response.statusCode());
        assertEquals("model_not_found", error(response).path("code").asText());
        assertTrue(error(response).path("message").asText().contains("gpt-z"));
        assertEquals(200, post(path, body("gpt-b"), "Authorization", "Bearer " + KEY).statusCode());
    }

    @Test
    void theKeyNeverShowsInTheSettingsText() {
        SimulatorSettings.Access access = new SimulatorSettings.Access(KEY, Set.of("gpt-a"));
        assertFalse(access.toString().contains(KEY), access.toString());
        assertFalse(SimulatorSettings.instant().withAccess(access).toString().contains(KEY));
        assertEquals("key required, deployments gpt-a", access.describe());
        assertEquals("", SimulatorSettings.Access.open().describe());
    }
}
