package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.clock.TestClocks;
import dev.promptbench.sim.SseClient.Streamed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code stream: true}: server-sent events in Azure's shape on the Azure routes and OpenAI's on the OpenAI route. */
class SimulatorStreamTest {

    static final String AZURE = "/openai/deployments/d/chat/completions?api-version=2024-10-21";
    static final String AZURE_V1 = "/openai/v1/chat/completions";
    static final String OPENAI = "/v1/chat/completions";
    private static final int TOKENS = 13;

    private static Simulator simulator;

    @BeforeAll
    static void start() throws IOException {
        simulator = Simulator.start(new SimulatorSettings("127.0.0.1", 0, 3L,
                new SimulatorSettings.Answers(Duration.ZERO, 0.0, TOKENS, Duration.ZERO, 1)), TestClocks.SYSTEM);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    static String body(String prompt, boolean stream, Boolean includeUsage) {
        String options = includeUsage == null ? "" : ",\"stream_options\":{\"include_usage\":" + includeUsage + "}";
        return "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],"
                + "\"stream\":" + stream + options + "}";
    }

    private static Streamed azure(Simulator on, String prompt, Boolean includeUsage) throws Exception {
        return SseClient.post(on, AZURE, body(prompt, true, includeUsage), "api-key", "k");
    }

    private static JsonNode unstreamed(Simulator on, String path, String prompt, String... headers) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(on.baseUri() + path))
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(body(prompt, false, null), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return SseClient.JSON.readTree(response.body());
    }

    @Test
    void azureStreamHasAzuresEventsInOrder() throws Exception {
        Streamed s = azure(simulator, "Say hello.", true);
        assertEquals(200, s.status());
        assertTrue(s.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), s.headers().toString());
        assertTrue(s.headers().firstValue("content-length").isEmpty(), "a stream has no length");
        assertFalse(s.cut());
        // Every event is one data line followed by a blank line.
        for (int i = 0; i < s.lines().size(); i++) {
            assertEquals(i % 2 == 1, s.lines().get(i).isEmpty(), "line " + i + ": " + s.lines());
        }
        assertEquals("[DONE]", s.data().get(s.data().size() - 1), "[DONE] last");

        List<JsonNode> events = s.events();
        // filter, role, one per token, finish, usage
        assertEquals(2 + TOKENS + 2, events.size(), s.data().toString());

        JsonNode filter = events.get(0);
        assertEquals(List.of("choices", "created", "id", "model", "object", "prompt_filter_results"), names(filter));
        assertTrue(filter.path("choices").isArray() && filter.path("choices").isEmpty());
        assertEquals(0, filter.path("created").asLong());
        assertEquals("", filter.path("id").asText());
        assertEquals("", filter.path("model").asText());
        assertEquals("", filter.path("object").asText());
        JsonNode prompt = filter.path("prompt_filter_results").path(0);
        assertEquals(0, prompt.path("prompt_index").asInt());
        assertEquals("safe", prompt.path("content_filter_results").path("hate").path("severity").asText());

        String id = events.get(1).path("id").asText();
        long created = events.get(1).path("created").asLong();
        assertTrue(id.startsWith("chatcmpl-sim-"), id);
        assertTrue(created > 1_600_000_000L);
        for (JsonNode event : events.subList(1, events.size())) {
            assertEquals(id, event.path("id").asText());
            assertEquals(created, event.path("created").asLong());
            assertEquals("chat.completion.chunk", event.path("object").asText());
            assertEquals(ChatCompletions.AZURE_MODEL, event.path("model").asText());
            assertTrue(event.has("usage"), event.toString());
        }

        JsonNode role = events.get(1).path("choices").path(0);
        assertEquals(List.of("role", "content"), names(role.path("delta")));
        assertEquals("assistant", role.path("delta").path("role").asText());
        assertEquals("", role.path("delta").path("content").asText());
        assertTrue(role.path("finish_reason").isNull());
        assertTrue(role.has("content_filter_results"));
        assertTrue(events.get(1).path("usage").isNull());

        for (JsonNode event : events.subList(2, 2 + TOKENS)) {
            JsonNode choice = event.path("choices").path(0);
            assertEquals(List.of("content"), names(choice.path("delta")), event.toString());
            assertFalse(choice.path("delta").path("content").asText().isEmpty());
            assertTrue(choice.path("finish_reason").isNull());
            assertEquals("safe", choice.path("content_filter_results").path("violence").path("severity").asText());
            assertTrue(event.path("usage").isNull());
        }

        JsonNode finish = events.get(2 + TOKENS);
        assertEquals("stop", finish.path("choices").path(0).path("finish_reason").asText());
        assertTrue(finish.path("choices").path(0).path("delta").isEmpty(), finish.toString());
        assertTrue(finish.path("usage").isNull());

        JsonNode usage = events.get(3 + TOKENS);
        assertTrue(usage.path("choices").isArray() && usage.path("choices").isEmpty(), usage.toString());
        assertEquals(TOKENS, usage.path("usage").path("completion_tokens").asInt());
        assertEquals(usage.path("usage").path("prompt_tokens").asInt() + TOKENS,
                usage.path("usage").path("total_tokens").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Say hello.", "日本の首都はどこですか？"})
    void theStreamedTextAndUsageAreTheUnstreamedAnswers(String prompt) throws Exception {
        Streamed streamed = azure(simulator, prompt, true);
        JsonNode whole = unstreamed(simulator, AZURE, prompt, "api-key", "k");
        assertEquals(whole.path("choices").path(0).path("message").path("content").asText(), streamed.text());
        List<JsonNode> events = streamed.events();
        assertEquals(whole.path("usage"), events.get(events.size() - 1).path("usage"));
    }

    @Test
    void theUsageEventComesOnlyWhenAsked() throws Exception {
        for (Boolean ask : new Boolean[] {null, false}) {
            Streamed s = azure(simulator, "Say hello.", ask);
            assertEquals("[DONE]", s.data().get(s.data().size() - 1));
            for (JsonNode event : s.events().subList(1, s.events().size())) {
                assertTrue(event.path("usage").isNull(), event.toString());
                assertFalse(event.path("choices").isEmpty(), "no choiceless event but the first: " + event);
            }
            JsonNode last = s.events().get(s.events().size() - 1);
            assertEquals("stop", last.path("choices").path(0).path("finish_reason").asText());
        }
    }

    @Test
    void theAzureV1RouteStreamsInAzuresShapeToo() throws Exception {
        Streamed s = SseClient.post(simulator, AZURE_V1, body("Say hello.", true, true), "api-key", "k");
        JsonNode first = s.events().get(0);
        assertTrue(first.path("choices").isEmpty());
        assertTrue(first.has("prompt_filter_results"));
        assertEquals("gpt-test", s.events().get(1).path("model").asText(), "v1 names the model it was asked for");
    }

    @Test
    void openAiRouteStreamsInOpenAisShape() throws Exception {
        Streamed s = SseClient.post(simulator, OPENAI, body("Say hello.", true, true), "Authorization", "Bearer k");
        assertEquals(200, s.status());
        assertEquals("[DONE]", s.data().get(s.data().size() - 1));
        List<JsonNode> events = s.events();
        assertEquals(1 + TOKENS + 2, events.size(), "role, tokens, finish, usage: " + s.data());

        JsonNode first = events.get(0);
        assertEquals("id", first.fieldNames().next(), "OpenAI leads with the id");
        JsonNode delta = first.path("choices").path(0).path("delta");
        assertEquals("assistant", delta.path("role").asText());
        assertEquals("", delta.path("content").asText());
        String id = first.path("id").asText();
        for (JsonNode event : events) {
            assertFalse(event.has("prompt_filter_results"), event.toString());
            assertFalse(event.path("choices").path(0).has("content_filter_results"), event.toString());
            assertEquals(id, event.path("id").asText());
            assertEquals("chat.completion.chunk", event.path("object").asText());
            assertEquals("gpt-test", event.path("model").asText());
            assertTrue(event.has("created"));
        }
        assertEquals("stop", events.get(TOKENS + 1).path("choices").path(0).path("finish_reason").asText());
        assertEquals(TOKENS, events.get(TOKENS + 2).path("usage").path("completion_tokens").asInt());
        assertTrue(events.get(TOKENS + 2).path("choices").isEmpty());

        JsonNode whole = unstreamed(simulator, OPENAI, "Say hello.", "Authorization", "Bearer k");
        assertEquals(whole.path("choices").path(0).path("message").path("content").asText(), s.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tell me a long story.", "長い物語を聞かせてください。"})
    void fourTokensPerChunkMeansFourTokensPerContentEvent(String prompt) throws Exception {
        int tokens = 30;
        try (Simulator chunky = Simulator.start(new SimulatorSettings("127.0.0.1", 0, 3L,
                new SimulatorSettings.Answers(Duration.ZERO, 0.0, tokens, Duration.ZERO, 1)).withTokensPerChunk(4),
                TestClocks.SYSTEM)) {
            Streamed s = azure(chunky, prompt, true);
            List<Integer> content = s.contentIndexes();
            assertEquals((tokens + 3) / 4, content.size(), s.data().toString());
            for (int k = 0; k < content.size(); k++) {
                int expected = k < content.size() - 1 ? 4 : tokens - 4 * (content.size() - 1);
                assertEquals(expected, TokenEstimate.of(s.content(content.get(k))),
                        "event " + k + ": '" + s.content(content.get(k)) + "'");
            }
            assertEquals(tokens, TokenEstimate.of(s.text()));
            JsonNode whole = unstreamed(chunky, AZURE, prompt, "api-key", "k");
            assertEquals(whole.path("choices").path(0).path("message").path("content").asText(), s.text());
        }
    }

    @Test
    void aCappedStreamFinishesWithLength() throws Exception {
        String capped = "{\"max_tokens\":3,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Go on.\"}]}";
        Streamed s = SseClient.post(simulator, AZURE, capped, "api-key", "k");
        assertEquals(3, s.contentIndexes().size());
        JsonNode last = s.events().get(s.events().size() - 1);
        assertEquals("length", last.path("choices").path(0).path("finish_reason").asText());
    }

    private static SimulatorSettings always(FaultKind kind) {
        return new SimulatorSettings("127.0.0.1", 0, 3L, new SimulatorSettings.Answers(Duration.ZERO, 0.0, 10,
                Duration.ZERO, 1))
                .withFaults(new SimulatorSettings.Faults(1.0, Set.of(kind)));
    }

    @Test
    void aResetFaultCutsTheStreamBeforeDone() throws Exception {
        try (Simulator faulty = Simulator.start(always(FaultKind.RESET), TestClocks.SYSTEM)) {
            Streamed s = azure(faulty, "Say hello.", true);
            assertEquals(200, s.status());
            assertTrue(s.cut(), "the connection drops mid-body instead of ending it: " + s.lines());
            assertFalse(s.data().contains("[DONE]"), s.data().toString());
            // How much content arrives before the cut is not asserted: a reset may discard what the client
            // had not read yet, and on a loaded machine that can be all of it.
            assertTrue(s.contentIndexes().size() < 10, "but not all of it");
        }
    }

    @Test
    void aMalformedFaultBreaksOneEventAndTheStreamGoesOn() throws Exception {
        try (Simulator faulty = Simulator.start(always(FaultKind.MALFORMED), TestClocks.SYSTEM)) {
            Streamed s = azure(faulty, "Say hello.", true);
            assertEquals(200, s.status());
            assertFalse(s.cut());
            assertEquals("[DONE]", s.data().get(s.data().size() - 1));
            int broken = 0;
            for (String payload : s.data()) {
                if (!payload.equals("[DONE]")) {
                    try {
                        SseClient.JSON.readTree(payload);
                    } catch (IOException e) {
                        broken++;
                    }
                }
            }
            assertEquals(1, broken, s.data().toString());
            assertThrows(RuntimeException.class, s::events);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SERVER_ERROR", "UNAVAILABLE"})
    void errorFaultsAnswerAStreamingRequestWithJsonBeforeAnyEvent(FaultKind kind) throws Exception {
        try (Simulator faulty = Simulator.start(always(kind), TestClocks.SYSTEM)) {
            Streamed s = azure(faulty, "Say hello.", true);
            assertEquals(kind == FaultKind.SERVER_ERROR ? 500 : 503, s.status());
            assertTrue(s.headers().firstValue("content-type").orElse("").startsWith("application/json"));
            assertTrue(s.data().isEmpty());
            assertNotNull(SseClient.JSON.readTree(String.join("\n", s.lines())).path("error").path("message").asText(null));
        }
    }

    @Test
    void slowHeadersDelayTheWholeStream() throws Exception {
        try (Simulator faulty = Simulator.start(always(FaultKind.SLOW_HEADERS), TestClocks.SYSTEM)) {
            Streamed s = azure(faulty, "Say hello.", true);
            assertEquals(200, s.status());
            assertEquals("[DONE]", s.data().get(s.data().size() - 1));
            long firstEventMillis = (s.arrived().get(0) - s.sentAt()) / 1_000_000;
            assertTrue(firstEventMillis >= FaultModel.SLOW_HEADERS_EXTRA.toMillis() - 5, firstEventMillis + " ms");
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
