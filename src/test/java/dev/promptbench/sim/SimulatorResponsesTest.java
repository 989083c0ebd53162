package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptbench.client.Api;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.OpenAIResponder;
import dev.promptbench.client.Outcome;
import dev.promptbench.clock.TestClocks;
import dev.promptbench.clock.Ticker;
import dev.promptbench.prompt.Message;
import dev.promptbench.results.request.StreamMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator's Responses API, reasoning, prompt cache and service tiers, end to end through the client. */
class SimulatorResponsesTest {

    private static final String LONG_PROMPT = "Summarise this. " + "The quick brown fox jumps over the lazy dog. ".repeat(150);

    @Test
    void aResponseReportsItsReasoningTokensAndComesThroughTheClient() throws Exception {
        try (Simulator simulator = Simulator.start(instant(new ServiceFeatures(5, true, 0)), TestClocks.SYSTEM);
             OpenAIResponder client = new OpenAIResponder(ClientSettings.defaults(2), Ticker.system(), Clock.systemUTC())) {
            Outcome.Success ok = assertInstanceOf(Outcome.Success.class,
                    client.call(request("Name two primes.", null, false), endpoint(simulator, Api.RESPONSES)));

            assertEquals("stop", ok.answer().finishReason());
            assertTrue(!ok.answer().text().isEmpty());
            assertEquals(5, ok.answer().usage().reasoningTokens());
            assertEquals(8 + 5, ok.answer().usage().completionTokens(), "output tokens count the reasoning too");
            assertEquals(0, ok.answer().usage().cachedTokens());
        }
    }

    @Test
    void aStreamedResponseShowsReasoningBeforeTheFirstVisibleToken() throws Exception {
        SimulatorSettings settings = new SimulatorSettings("127.0.0.1", 0, 3L,
                new SimulatorSettings.Answers(Duration.ZERO, 0.0, 6, Duration.ofMillis(1),
                1)).withFeatures(ServiceFeatures.defaults().withReasoningTokens(20));
        try (Simulator simulator = Simulator.start(settings, TestClocks.SYSTEM);
             OpenAIResponder client = new OpenAIResponder(ClientSettings.defaults(2), Ticker.system(), Clock.systemUTC())) {
            Outcome.Success ok = assertInstanceOf(Outcome.Success.class,
                    client.call(request("Name two primes.", null, true), endpoint(simulator, Api.RESPONSES)));

            StreamMetrics stream = ok.answer().stream();
            assertTrue(stream.sawReasoning());
            assertTrue(stream.firstReasoningNanos() < stream.firstContentNanos(), "reasoning first");
            assertEquals(6, stream.chunks());
            assertEquals(20, ok.answer().usage().reasoningTokens());
        }
    }

    @Test
    void chatReportsReasoningTokensAndTheFirstContentWaitsForThem() throws Exception {
        try (Simulator simulator = Simulator.start(instant(ServiceFeatures.defaults().withReasoningTokens(7)), TestClocks.SYSTEM);
             OpenAIResponder client = new OpenAIResponder(ClientSettings.defaults(2), Ticker.system(), Clock.systemUTC())) {
            Outcome.Success ok = assertInstanceOf(Outcome.Success.class,
                    client.call(request("Name two primes.", null, true), endpoint(simulator, Api.CHAT)));

            assertEquals(7, ok.answer().usage().reasoningTokens());
            assertEquals(8 + 7, ok.answer().usage().completionTokens());
        }
    }

    @Test
    void theOutputLimitCutsTheAnswerAndItIsIncomplete() throws Exception {
        SimulatorSettings settings = new SimulatorSettings("127.0.0.1", 0, 3L,
                new SimulatorSettings.Answers(Duration.ZERO, 0.0, 80, Duration.ZERO, 1));
        try (Simulator simulator = Simulator.start(settings, TestClocks.SYSTEM);
             OpenAIResponder client = new OpenAIResponder(ClientSettings.defaults(2), Ticker.system(), Clock.systemUTC())) {
            for (boolean stream : new boolean[] {false, true}) {
                Outcome.Success ok = assertInstanceOf(Outcome.Success.class,
                        client.call(request("Name two primes.", 16, stream), endpoint(simulator, Api.RESPONSES)));
                assertEquals("length", ok.answer().finishReason(), "streamed: " + stream);
                assertEquals(16, ok.answer().usage().completionTokens());
            }
        }
    }

    @Test
    void anOutputLimitBelowSixteenIsRefusedAsTheServicesDo() throws Exception {
        try (Simulator simulator = Simulator.start(instant(ServiceFeatures.defaults()), TestClocks.SYSTEM);
             OpenAIResponder client = new OpenAIResponder(ClientSettings.defaults(2), Ticker.system(), Clock.systemUTC())) {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class,
                    client.call(request("Hi", 8, false), endpoint(simulator, Api.RESPONSES)));

            assertEquals(ErrorKind.BAD_REQUEST, failure.kind());
            assertEquals("integer_below_min_value", failure.code());
        }
    }

    @Test
    void aRepeatedLongPromptIsReadFromTheCache() throws Exception {
        try (Simulator simulator = Simulator.start(instant(ServiceFeatures.defaults()), TestClocks.SYSTEM);
             OpenAIResponder client = new OpenAIResponder(ClientSettings.defaults(2), Ticker.system(), Clock.systemUTC())) {
            for (Api api : Api.values()) {
                Outcome.Success first = assertInstanceOf(Outcome.Success.class,
                        client.call(request(api + LONG_PROMPT, null, false), endpoint(simulator, api)));
                Outcome.Success second = assertInstanceOf(Outcome.Success.class,
                        client.call(request(api + LONG_PROMPT, null, false), endpoint(simulator, api)));

                assertEquals(0, first.answer().usage().cachedTokens(), api + ": nothing cached yet");
                int cached = second.answer().usage().cachedTokens();
                assertTrue(cached >= 1024 && cached % 128 == 0 && cached <= second.answer().usage().promptTokens(),
                        api + ": " + cached + " of " + second.answer().usage().promptTokens());
            }
        }
    }

    @Test
    void aShortPromptIsNeverCachedAndTheCacheCanBeOff() throws Exception {
        try (Simulator simulator = Simulator.start(instant(ServiceFeatures.defaults().withPromptCache(false)), TestClocks.SYSTEM);
             OpenAIResponder client = new OpenAIResponder(ClientSettings.defaults(2), Ticker.system(), Clock.systemUTC())) {
            client.call(request(LONG_PROMPT, null, false), endpoint(simulator, Api.CHAT));
            Outcome.Success again = assertInstanceOf(Outcome.Success.class,
                    client.call(request(LONG_PROMPT, null, false), endpoint(simulator, Api.CHAT)));

            assertEquals(0, again.answer().usage().cachedTokens());
        }
    }

    @Test
    void theServiceTierIsEchoedAndPriorityDowngradedOnRequest() throws Exception {
        try (Simulator always = Simulator.start(instant(ServiceFeatures.defaults().withTierDowngrade(1)), TestClocks.SYSTEM);
             Simulator never = Simulator.start(instant(ServiceFeatures.defaults()), TestClocks.SYSTEM)) {
            assertEquals("default", tier(always, "/v1/chat/completions", chatBody("priority")));
            assertEquals("priority", tier(never, "/v1/chat/completions", chatBody("priority")));
            assertEquals("default", tier(never, "/v1/chat/completions", chatBody("auto")));
            assertEquals("flex", tier(always, "/v1/responses", "{\"model\":\"m\",\"input\":\"Hi\",\"service_tier\":\"flex\"}"));
            assertEquals("default", tier(always, "/v1/responses",
                    "{\"model\":\"m\",\"input\":\"Hi\",\"service_tier\":\"priority\"}"));
            assertNull(tier(never, "/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                    "no tier asked, none named");
        }
    }

    private static String chatBody(String tier) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"service_tier\":\"" + tier + "\"}";
    }

    /** The {@code service_tier} an answer names, or null. */
    private static String tier(Simulator simulator, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        simulator.baseUri().resolve(path))
                .header("Authorization", "Bearer k").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode tier = JsonMapper.builder().build().readTree(response.body()).get("service_tier");
        return tier == null ? null : tier.asText();
    }

    private static SimulatorSettings instant(ServiceFeatures features) {
        return SimulatorSettings.instant().withFeatures(features);
    }

    private static ChatRequest request(String text, Integer maxTokens, boolean stream) {
        return new ChatRequest("p1", List.of(Message.text("user", text)), maxTokens, Map.of(), 1, stream);
    }

    /** The simulator's Azure deployment route: the Responses API goes to its /openai/v1/responses. */
    private static Endpoint endpoint(Simulator simulator, Api api) {
        return new Endpoint("sim", ApiStyle.AZURE_DEPLOYMENT,
                simulator.baseUri().resolve("/openai/deployments/d/chat/completions?api-version=2024-10-21"), "d",
                null, "max_completion_tokens", ApiKeyCredential.azureKey("k", "test"), true).withApi(api);
    }
}
