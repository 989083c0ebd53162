package dev.promptbench.sim;

import static dev.promptbench.sim.SimulatorFaultsTest.headers;
import static dev.promptbench.sim.SimulatorFaultsTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Rate limits as a client sees them: 429 bodies and headers per route, and what a request is charged. */
class SimulatorRateLimitTest {

    private static final String AZURE = "/openai/deployments/gpt-a/chat/completions";
    private static final String AZURE_B = "/openai/deployments/gpt-b/chat/completions";
    private static final String QUERY = "api-version=2024-10-21";
    private static final String OPENAI = "/v1/chat/completions";

    private final AtomicLong now = new AtomicLong();
    private long number;

    private ChatCompletions completions(int rpm, int tpm) {
        SimulatorSettings settings = SimulatorSettings.instant()
                .withLimits(new SimulatorSettings.Limits(rpm, tpm, 1));
        return new ChatCompletions(settings, Clock.systemUTC(), now::get);
    }

    private SimResponse post(ChatCompletions completions, String path, String body) {
        String query = path.startsWith("/openai/deployments/") ? QUERY : null;
        return completions.answer(new SimRequest("POST", path, query,
                headers("api-key", "k", "Authorization", "Bearer k"), body.getBytes(StandardCharsets.UTF_8),
                ++number));
    }

    private static String body(String maxTokensField) {
        return "{\"model\":\"m\"," + (maxTokensField == null ? "" : maxTokensField + ",")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    }

    /** Tokens the simulator estimates for {@link #body}'s prompt. */
    private static final int PROMPT_TOKENS = TokenEstimate.PER_REQUEST + TokenEstimate.PER_MESSAGE + 3;

    @Test
    void azureAnswers429InItsShapeWithRetryAfterHeaders() throws Exception {
        ChatCompletions completions = completions(60, 0);
        SimResponse ok = post(completions, AZURE, body(null));
        assertEquals(200, ok.status());
        assertEquals("0", ok.headers().get("x-ratelimit-remaining-requests"));
        assertEquals("60", ok.headers().get("x-ratelimit-limit-requests"));

        SimResponse limited = post(completions, AZURE, body(null));
        assertEquals(429, limited.status());
        JsonNode error = json(limited).path("error");
        assertEquals("429", error.path("code").asText());
        String message = error.path("message").asText();
        assertTrue(message.startsWith("Requests to the ChatCompletions_Create Operation under Azure OpenAI API "
                + "version 2024-10-21 have exceeded call rate limit"), message);
        assertTrue(message.contains("Please retry after 1 second."), message);
        assertEquals("1000", limited.headers().get("retry-after-ms"));
        assertEquals("1", limited.headers().get("retry-after"));
        assertEquals("0", limited.headers().get("x-ratelimit-remaining-requests"));
        assertTrue(limited.headers().containsKey("apim-request-id"));
    }

    @Test
    void openAiRouteAnswers429InOpenAisShape() throws Exception {
        ChatCompletions completions = completions(60_000, 6_000);
        assertEquals(200, post(completions, OPENAI, body("\"max_tokens\":900")).status());
        SimResponse limited = post(completions, OPENAI, body("\"max_tokens\":900"));
        assertEquals(429, limited.status());
        JsonNode error = json(limited).path("error");
        assertEquals("rate_limit_exceeded", error.path("code").asText());
        assertEquals("tokens", error.path("type").asText());
        assertTrue(error.path("message").asText().contains("tokens per min (TPM): Limit 6000"), error.toString());
        assertTrue(Long.parseLong(limited.headers().get("retry-after-ms")) > 0);
    }

    @Test
    void tokensAreChargedAsPromptPlusMaxTokens() {
        ChatCompletions completions = completions(60_000, 60_000); // 10,000-token burst
        SimResponse capped = post(completions, AZURE, body("\"max_completion_tokens\":100"));
        assertEquals(200, capped.status());
        assertEquals(Integer.toString(10_000 - PROMPT_TOKENS - 100), capped.headers().get("x-ratelimit-remaining-tokens"));

        SimResponse legacy = post(completions, AZURE_B, body("\"max_tokens\":50"));
        assertEquals(Integer.toString(10_000 - PROMPT_TOKENS - 50), legacy.headers().get("x-ratelimit-remaining-tokens"));
    }

    @Test
    void aRequestWithoutMaxTokensIsChargedTheDefaultReservation() {
        ChatCompletions completions = completions(60_000, 60_000);
        SimResponse response = post(completions, AZURE, body(null));
        assertEquals(Integer.toString(10_000 - PROMPT_TOKENS - RateLimiter.DEFAULT_MAX_TOKENS),
                response.headers().get("x-ratelimit-remaining-tokens"));
    }

    @Test
    void deploymentsAreLimitedApartButTheOpenAiRouteSharesOneLimit() {
        ChatCompletions completions = completions(60, 0);
        assertEquals(200, post(completions, AZURE, body(null)).status());
        assertEquals(429, post(completions, AZURE, body(null)).status());
        assertEquals(200, post(completions, AZURE_B, body(null)).status());
        assertEquals(200, post(completions, "/openai/v1/chat/completions", body(null)).status(),
                "the v1 route's model names its own deployment");
        assertEquals(200, post(completions, OPENAI, body(null)).status());
        assertEquals(429, post(completions, OPENAI, body(null).replace("\"m\"", "\"other\"")).status());
    }

    @Test
    void anAdmittedRequestIsServedAgainOnceTheWindowRefills() {
        ChatCompletions completions = completions(60, 0);
        assertEquals(200, post(completions, AZURE, body(null)).status());
        assertEquals(429, post(completions, AZURE, body(null)).status());
        now.addAndGet(1_000_000_000L);
        assertEquals(200, post(completions, AZURE, body(null)).status());
    }
}
