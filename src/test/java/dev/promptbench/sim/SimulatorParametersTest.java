package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator checks a chat request's parameters as Azure OpenAI 2024-10-21 does (400 in the services'
 * error shape) and honours n, logprobs, response_format and tools, so SDK code can be rehearsed against it.
 */
class SimulatorParametersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AZURE = SimulatorTest.AZURE;
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"Answer in JSON please.\"}]";

    private static Simulator simulator;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        simulator = Simulator.start(SimulatorSettings.instant(), TestClocks.SYSTEM);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
                .header("api-key", "k").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json = JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
        return json;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "unknown parameter      | \"temprature\":0.5                         | NULL                     | NULL",
        "n zero                 | \"n\":0                                    | n                        | integer_below_min_value",
        "n too many             | \"n\":129                                  | n                        | integer_above_max_value",
        "n text                 | \"n\":\"2\"                                | n                        | invalid_type",
        "top_p above 1          | \"top_p\":1.5                              | top_p                    | decimal_above_max_value",
        "presence below -2      | \"presence_penalty\":-3                    | presence_penalty         | decimal_below_min_value",
        "frequency text         | \"frequency_penalty\":\"low\"              | frequency_penalty        | invalid_type",
        "five stop strings      | \"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]   | stop                     | array_above_max_length",
        "stop a number          | \"stop\":5                                 | stop                     | invalid_type",
        "seed decimal           | \"seed\":1.5                               | seed                     | invalid_type",
        "logprobs text          | \"logprobs\":\"yes\"                       | logprobs                 | invalid_type",
        "top_logprobs 21        | \"logprobs\":true,\"top_logprobs\":21      | top_logprobs             | integer_above_max_value",
        "top_logprobs alone     | \"top_logprobs\":2                         | top_logprobs             | invalid_value",
        "logit bias 101         | \"logit_bias\":{\"50256\":101}             | logit_bias.50256         | invalid_value",
        "max tokens over limit  | \"max_tokens\":100000                      | max_tokens               | NULL",
        "unknown format         | \"response_format\":{\"type\":\"yaml\"}    | response_format.type     | invalid_value",
        "schema without name    | \"response_format\":{\"type\":\"json_schema\",\"json_schema\":{}} | response_format.json_schema.name | missing_required_parameter",
        "tool choice no tools   | \"tool_choice\":\"required\"               | tool_choice              | NULL",
        "tool of another type   | \"tools\":[{\"type\":\"code\"}]            | tools[0].type            | invalid_value",
        "tool without name      | \"tools\":[{\"type\":\"function\",\"function\":{}}] | tools[0].function.name | missing_required_parameter",
    })
    void refusesWhatAzureRefusesInItsErrorShape(String name, String field, String param, String code)
            throws Exception {
        JsonNode answer = post(AZURE, "{" + field + "," + MESSAGES + "}");
        assertEquals(400, answer.path("_status").asInt(), answer.toString());
        JsonNode error = answer.path("error");
        assertEquals("invalid_request_error", error.path("type").asText(), answer.toString());
        assertFalse(error.path("message").asText().isBlank());
        assertEquals(param == null, error.path("param").isNull(), answer.toString());
        if (param != null) assertEquals(param, error.path("param").asText(), answer.toString());
        assertEquals(code == null, error.path("code").isNull(), answer.toString());
        if (code != null) assertEquals(code, error.path("code").asText(), answer.toString());
    }

    @Test
    void aMisspeltParameterIsNamedAsTheServiceNamesIt() throws Exception {
        JsonNode one = post(AZURE, "{\"topP\":1," + MESSAGES + "}");
        assertEquals("Unrecognized request argument supplied: topP", one.path("error").path("message").asText());
        JsonNode two = post(AZURE, "{\"topP\":1,\"presencePenalty\":0," + MESSAGES + "}");
        assertEquals("Unrecognized request arguments supplied: presencePenalty, topP",
                two.path("error").path("message").asText());
    }

    @Test
    void jsonModeNeedsTheWordJsonInTheMessages() throws Exception {
        JsonNode answer = post(AZURE, "{\"response_format\":{\"type\":\"json_object\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertEquals(400, answer.path("_status").asInt());
        assertEquals("messages", answer.path("error").path("param").asText());
    }

    @Test
    void anUnknownApiVersionIsRefusedAsAzureRefusesIt() throws Exception {
        JsonNode answer = post("/openai/deployments/d/chat/completions?api-version=2019-01-01", "{" + MESSAGES + "}");
        assertEquals(400, answer.path("_status").asInt(), answer.toString());
        assertEquals("BadRequest", answer.path("error").path("code").asText());
        assertEquals("API version not supported", answer.path("error").path("message").asText());
        for (String known : List.of("2024-10-21", "2024-06-01", "2025-04-01-preview")) {
            JsonNode ok = post("/openai/deployments/d/chat/completions?api-version=" + known, "{" + MESSAGES + "}");
            assertEquals(200, ok.path("_status").asInt(), known + ": " + ok);
        }
    }

    /** Azure's gateway answers a deployment path without api-version as an unknown resource, not a 400. */
    @Test
    void aMissingApiVersionIsNotFoundAsAzureAnswersIt() throws Exception {
        for (String query : List.of("", "?api-version=")) {
            JsonNode answer = post("/openai/deployments/d/chat/completions" + query, "{" + MESSAGES + "}");
            assertEquals(404, answer.path("_status").asInt(), query + ": " + answer);
            assertEquals("404", answer.path("error").path("code").asText(), answer.toString());
            assertEquals("Resource not found", answer.path("error").path("message").asText(), answer.toString());
        }
    }

    @Test
    void nGivesThatManyChoicesAndBillsThemAll() throws Exception {
        JsonNode one = post(AZURE, "{" + MESSAGES + "}");
        JsonNode three = post(AZURE, "{\"n\":3," + MESSAGES + "}");
        assertEquals(200, three.path("_status").asInt(), three.toString());
        JsonNode choices = three.path("choices");
        assertEquals(3, choices.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, choices.get(i).path("index").asInt());
            assertFalse(choices.get(i).path("message").path("content").asText().isBlank());
        }
        assertEquals(3 * one.path("usage").path("completion_tokens").asInt(),
                three.path("usage").path("completion_tokens").asInt());
        assertEquals(one.path("usage").path("prompt_tokens"), three.path("usage").path("prompt_tokens"));
    }

    @Test
    void logprobsGiveEachTokenWithItsAlternatives() throws Exception {
        JsonNode answer = post(AZURE, "{\"logprobs\":true,\"top_logprobs\":2," + MESSAGES + "}");
        JsonNode choice = answer.path("choices").path(0);
        JsonNode content = choice.path("logprobs").path("content");
        assertEquals(answer.path("usage").path("completion_tokens").asInt(), content.size(), answer.toString());
        StringBuilder text = new StringBuilder();
        for (JsonNode token : content) {
            text.append(token.path("token").asText());
            assertTrue(token.path("logprob").asDouble() <= 0);
            assertTrue(token.path("bytes").isArray());
            assertEquals(2, token.path("top_logprobs").size());
        }
        assertEquals(choice.path("message").path("content").asText(), text.toString());
        JsonNode plain = post(AZURE, "{" + MESSAGES + "}");
        assertTrue(plain.path("choices").path(0).path("logprobs").isNull());
    }

    @Test
    void jsonModesAnswerValidJson() throws Exception {
        JsonNode object = post(AZURE, "{\"response_format\":{\"type\":\"json_object\"}," + MESSAGES + "}");
        assertEquals(200, object.path("_status").asInt(), object.toString());
        assertTrue(JSON.readTree(object.path("choices").path(0).path("message").path("content").asText()).isObject());

        String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"population\":"
                + "{\"type\":\"integer\"},\"capital\":{\"type\":\"boolean\"},\"tags\":{\"type\":\"array\",\"items\":"
                + "{\"type\":\"string\"}},\"kind\":{\"type\":\"string\",\"enum\":[\"town\",\"city\"]}},"
                + "\"required\":[\"city\",\"population\",\"capital\",\"tags\",\"kind\"],\"additionalProperties\":false}";
        JsonNode structured = post(AZURE, "{\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":"
                + "\"place\",\"strict\":true,\"schema\":" + schema + "}}," + MESSAGES + "}");
        JsonNode value = JSON.readTree(structured.path("choices").path(0).path("message").path("content").asText());
        assertTrue(value.path("city").isTextual(), value.toString());
        assertTrue(value.path("population").isIntegralNumber(), value.toString());
        assertTrue(value.path("capital").isBoolean(), value.toString());
        assertTrue(value.path("tags").isArray(), value.toString());
        assertEquals("town", value.path("kind").asText(), value.toString());
    }

    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"days\":"
            + "{\"type\":\"integer\"}},\"required\":[\"city\",\"days\"]}}}]";

    @Test
    void aToolChoiceThatAsksForACallGetsOne() throws Exception {
        for (String choice : List.of("\"required\"", "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}")) {
            JsonNode answer = post(AZURE, "{" + TOOLS + ",\"tool_choice\":" + choice + "," + MESSAGES + "}");
            assertEquals(200, answer.path("_status").asInt(), answer.toString());
            JsonNode choice0 = answer.path("choices").path(0);
            assertEquals("tool_calls", choice0.path("finish_reason").asText());
            assertTrue(choice0.path("message").path("content").isNull());
            JsonNode call = choice0.path("message").path("tool_calls").path(0);
            assertTrue(call.path("id").asText().startsWith("call_"), call.toString());
            assertEquals("function", call.path("type").asText());
            assertEquals("get_weather", call.path("function").path("name").asText());
            JsonNode arguments = JSON.readTree(call.path("function").path("arguments").asText());
            assertTrue(arguments.path("city").isTextual() && arguments.path("days").isIntegralNumber(), arguments.toString());
        }
        JsonNode auto = post(AZURE, "{" + TOOLS + ",\"tool_choice\":\"auto\"," + MESSAGES + "}");
        assertEquals("stop", auto.path("choices").path(0).path("finish_reason").asText());
    }

    @Test
    void aStreamedToolCallSendsItsArgumentsInDeltas() throws Exception {
        SseClient.Streamed streamed = SseClient.post(simulator, SimulatorStreamTest.AZURE,
                "{\"stream\":true," + TOOLS + ",\"tool_choice\":\"required\"," + MESSAGES + "}", "api-key", "k");
        StringBuilder arguments = new StringBuilder();
        String name = null;
        String finish = null;
        List<String> data = new ArrayList<>(streamed.data());
        assertEquals("[DONE]", data.get(data.size() - 1));
        for (String event : data.subList(0, data.size() - 1)) {
            for (JsonNode choice : JSON.readTree(event).path("choices")) {
                JsonNode call = choice.path("delta").path("tool_calls").path(0);
                if (call.path("function").has("name")) name = call.path("function").path("name").asText();
                arguments.append(call.path("function").path("arguments").asText(""));
                if (!choice.path("finish_reason").isNull() && choice.has("finish_reason")) {
                    finish = choice.path("finish_reason").asText();
                }
            }
        }
        assertEquals("get_weather", name);
        assertEquals("tool_calls", finish);
        assertTrue(JSON.readTree(arguments.toString()).path("city").isTextual(), arguments.toString());
    }
}
