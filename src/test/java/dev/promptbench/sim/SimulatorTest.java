package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.clock.TestClocks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorTest {

    static final String AZURE = "/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21";
    static final String AZURE_V1 = "/openai/v1/chat/completions";
    static final String OPENAI = "/v1/chat/completions";
    static final String HELLO = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Simulator simulator;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        simulator = Simulator.start(SimulatorSettings.instant(), TestClocks.SYSTEM);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return send("POST", path, body, headers);
    }

    static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertCompletion(HttpResponse<String> response, String model) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertTrue(body.path("id").asText().matches("chatcmpl-sim-\\d+"), body.toString());
        assertEquals("chat.completion", body.path("object").asText());
        assertTrue(body.path("created").asLong() > 1_600_000_000L);
        assertEquals(model, body.path("model").asText());
        JsonNode choice = body.path("choices").path(0);
        assertEquals("assistant", choice.path("message").path("role").asText());
        String content = choice.path("message").path("content").asText();
        assertFalse(content.isBlank());
        assertEquals("stop", choice.path("finish_reason").asText());
        JsonNode usage = body.path("usage");
        assertEquals(SimulatorSettings.instant().answers().tokensMedian(), usage.path("completion_tokens").asInt());
        assertEquals(TokenEstimate.of(content), usage.path("completion_tokens").asInt());
        assertTrue(usage.path("prompt_tokens").asInt() > 0);
        assertEquals(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt(),
                usage.path("total_tokens").asInt());
        assertEquals(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length),
                response.headers().firstValue("content-length").orElseThrow());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        assertTrue(UUID_SHAPE.matcher(response.headers().firstValue("apim-request-id").orElseThrow()).matches());
        assertTrue(response.headers().firstValue("x-request-id").orElseThrow().startsWith("req_"));
        assertTrue(response.headers().firstValue("x-ratelimit-remaining-requests").isPresent());
        assertTrue(response.headers().firstValue("x-ratelimit-remaining-tokens").isPresent());
    }

    @Test
    void azureClassicRouteAnswersWithTheSimulatedModelAndFilterResults() throws Exception {
        HttpResponse<String> response = post(AZURE, HELLO, "api-key", "anything");
        assertCompletion(response, ChatCompletions.AZURE_MODEL);
        assertTrue(json(response).path("prompt_filter_results").isArray());
    }

    @Test
    void azureClassicRouteTakesABearerTokenAndNeedsNoModel() throws Exception {
        String noModel = "{\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
        assertCompletion(post(AZURE, noModel, "Authorization", "Bearer entra-token"), ChatCompletions.AZURE_MODEL);
    }

    @Test
    void azureV1RouteEchoesTheRequestedModel() throws Exception {
        assertCompletion(post(AZURE_V1, HELLO, "api-key", "anything"), "gpt-test");
        assertCompletion(post(AZURE_V1, HELLO, "Authorization", "Bearer anything"), "gpt-test");
    }

    @Test
    void openAiRouteEchoesTheRequestedModelWithoutAzureFields() throws Exception {
        HttpResponse<String> response = post(OPENAI, HELLO, "Authorization", "Bearer sk-anything");
        assertCompletion(response, "gpt-test");
        assertFalse(json(response).has("prompt_filter_results"));
        assertCompletion(post("/chat/completions", HELLO, "Authorization", "Bearer x"), "gpt-test");
    }

    @ParameterizedTest
    @ValueSource(strings = {AZURE, AZURE_V1})
    void azureRoutesWithoutAKeyAnswer401LikeAzure(String path) throws Exception {
        HttpResponse<String> response = post(path, HELLO);
        assertEquals(401, response.statusCode());
        JsonNode error = json(response).path("error");
        assertEquals("401", error.path("code").asText());
        assertTrue(error.path("message").asText().startsWith("Access denied due to invalid subscription key"));
        assertEquals(401, post(path, HELLO, "api-key", " ").statusCode());
    }

    @Test
    void openAiRouteNeedsABearerToken() throws Exception {
        assertEquals(401, post(OPENAI, HELLO).statusCode());
        HttpResponse<String> keyOnly = post(OPENAI, HELLO, "api-key", "anything");
        assertEquals(401, keyOnly.statusCode());
        assertEquals("invalid_api_key", json(keyOnly).path("error").path("code").asText());
        assertEquals(401, post(OPENAI, HELLO, "Authorization", "Bearer ").statusCode());
    }

    @Test
    void azureClassicRouteNeedsAnApiVersion() throws Exception {
        HttpResponse<String> response = post("/openai/deployments/d/chat/completions", HELLO, "api-key", "k");
        assertEquals(404, response.statusCode(), "Azure's gateway has no route without it");
        assertEquals("Resource not found", json(response).path("error").path("message").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "not json                | {messages:                                                       | NULL",
        "trailing garbage        | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} x            | NULL",
        "array body              | []                                                               | NULL",
        "messages missing        | {\"model\":\"m\"}                                                | messages",
        "messages empty          | {\"messages\":[]}                                                | messages",
        "messages not an array   | {\"messages\":\"hi\"}                                            | messages",
        "message not an object   | {\"messages\":[\"hi\"]}                                          | messages[0]",
        "message without role    | {\"messages\":[{\"content\":\"hi\"}]}                            | messages[0].role",
        "unknown role            | {\"messages\":[{\"role\":\"bot\",\"content\":\"hi\"}]}           | messages[0].role",
        "content a number        | {\"messages\":[{\"role\":\"user\",\"content\":5}]}               | messages[0].content",
        "both max tokens         | {\"max_tokens\":5,\"max_completion_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | max_tokens",
        "max tokens text         | {\"max_tokens\":\"5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}  | max_tokens",
        "max tokens decimal      | {\"max_completion_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | max_completion_tokens",
        "max tokens negative     | {\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}     | max_tokens",
        "temperature too high    | {\"temperature\":2.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}   | temperature",
        "temperature negative    | {\"temperature\":-0.1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}  | temperature",
        "temperature text        | {\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | temperature",
        "stream not a boolean    | {\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}    | stream",
        "options without stream  | {\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | stream_options",
        "usage flag not boolean  | {\"stream\":true,\"stream_options\":{\"include_usage\":1},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | stream_options.include_usage",
    })
    void badRequestShapesAnswer400WithAnOpenAiErrorBody(String name, String body, String param) throws Exception {
        HttpResponse<String> response = post(AZURE, body, "api-key", "k");
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = json(response).path("error");
        assertEquals("invalid_request_error", error.path("type").asText());
        assertFalse(error.path("message").asText().isBlank());
        assertTrue(error.has("code"));
        if (param == null) {
            assertTrue(error.path("param").isNull(), response.body());
        } else {
            assertEquals(param, error.path("param").asText(), response.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {AZURE_V1, OPENAI})
    void routesThatTakeTheModelFromTheBodyRequireIt(String path) throws Exception {
        String noModel = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> response = post(path, noModel, "Authorization", "Bearer k");
        assertEquals(400, response.statusCode());
        assertEquals("model", json(response).path("error").path("param").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_tokens", "max_completion_tokens"})
    void maxTokensCapsTheAnswerWithFinishReasonLength(String field) throws Exception {
        String body = "{\"" + field + "\":3,\"messages\":[{\"role\":\"user\",\"content\":\"Tell a long story.\"}]}";
        JsonNode answer = json(post(AZURE, body, "api-key", "k"));
        JsonNode choice = answer.path("choices").path(0);
        assertEquals("length", choice.path("finish_reason").asText());
        assertEquals(3, answer.path("usage").path("completion_tokens").asInt());
        assertEquals(3, TokenEstimate.of(choice.path("message").path("content").asText()));
    }

    @Test
    void japanesePromptGetsAJapaneseAnswer() throws Exception {
        String body = "{\"messages\":[{\"role\":\"system\",\"content\":\"Answer briefly.\"},"
                + "{\"role\":\"user\",\"content\":\"富士山の高さを教えてください。\"}]}";
        JsonNode answer = json(post(AZURE, body, "api-key", "k"));
        String content = answer.path("choices").path(0).path("message").path("content").asText();
        assertTrue(TokenEstimate.containsJapanese(content), content);
        assertTrue(content.chars().noneMatch(c -> c < 128), content);
    }

    @Test
    void englishPromptGetsAnEnglishAnswer() throws Exception {
        JsonNode answer = json(post(AZURE, HELLO, "api-key", "k"));
        String content = answer.path("choices").path(0).path("message").path("content").asText();
        assertTrue(content.chars().allMatch(c -> c < 128), content);
    }

    @Test
    void contentPartsCountLikeTheSameTextAsAString() throws Exception {
        String asString = "{\"messages\":[{\"role\":\"user\",\"content\":\"Name two prime numbers.\"}]}";
        String asParts = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                + "\"Name two prime numbers.\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://x\"}}]}]}";
        JsonNode fromString = json(post(AZURE, asString, "api-key", "k"));
        JsonNode fromParts = json(post(AZURE, asParts, "api-key", "k"));
        assertEquals(fromString.path("usage").path("prompt_tokens"), fromParts.path("usage").path("prompt_tokens"));
        assertEquals(TokenEstimate.PER_REQUEST + TokenEstimate.PER_MESSAGE + 5,
                fromString.path("usage").path("prompt_tokens").asInt());
    }

    @Test
    void theSamePromptAndAttemptGetTheSameAnswer() throws Exception {
        String once = json(post(AZURE, HELLO, "api-key", "k")).path("choices").toString();
        String twice = json(post(AZURE, HELLO, "api-key", "k")).path("choices").toString();
        assertEquals(once, twice);
        // A retry is keyed anew (see LatencyModelTest); the header is read, not refused.
        assertEquals(200, post(AZURE, HELLO, "api-key", "k", ChatCompletions.ATTEMPT_HEADER, "2").statusCode());
    }

    @Test
    void unknownPathsAnswer404AndOtherMethods405() throws Exception {
        HttpResponse<String> unknown = post("/v1/embeddings", HELLO, "Authorization", "Bearer k");
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown_url", json(unknown).path("error").path("code").asText());
        HttpResponse<String> get = send("GET", OPENAI, null, "Authorization", "Bearer k");
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("allow").orElseThrow());
        assertEquals("invalid_request_error", json(get).path("error").path("type").asText());
    }

    @Test
    void requestCountCountsEveryAnswer() throws Exception {
        long before = simulator.requestCount();
        post(OPENAI, HELLO, "Authorization", "Bearer k");
        post(OPENAI, HELLO); // a 401 is an answer too
        assertEquals(before + 2, simulator.requestCount());
    }

    @Test
    void closeStopsServingAndEndsItsThreads() throws Exception {
        Set<Thread> before = simulatorThreads();
        Simulator own = Simulator.start(SimulatorSettings.instant(), TestClocks.SYSTEM);
        URI uri = URI.create(own.baseUri() + OPENAI);
        assertTrue(uri.toString().startsWith("http://127.0.0.1:"));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer k")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build();
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertEquals(200, fresh.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        Set<Thread> started = simulatorThreads();
        started.removeAll(before);
        assertFalse(started.isEmpty());

        own.close();
        own.close(); // twice is harmless
        HttpClient another = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> another.send(request, HttpResponse.BodyHandlers.ofString()));
        for (Thread thread : started) {
            thread.join(5_000); // close() waits for its pools; the threads themselves end just after
            assertFalse(thread.isAlive(), thread.getName());
        }
    }

    private static Set<Thread> simulatorThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("promptbench-sim-")) {
                threads.add(thread);
            }
        }
        return threads;
    }

    @Test
    void badSettingsAreRefusedBeforeBinding() {
        SimulatorSettings negative = new SimulatorSettings("127.0.0.1", 0, 1,
                new SimulatorSettings.Answers(Duration.ofMillis(-1), 0, 8, Duration.ZERO, 1));
        SimulatorSettings noTokens = new SimulatorSettings("127.0.0.1", 0, 1,
                new SimulatorSettings.Answers(Duration.ZERO, 0, 0, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> Simulator.start(negative, TestClocks.SYSTEM));
        assertThrows(IllegalArgumentException.class, () -> Simulator.start(noTokens, TestClocks.SYSTEM));
    }
}
