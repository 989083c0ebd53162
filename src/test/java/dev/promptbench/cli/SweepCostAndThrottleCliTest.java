package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep is priced like a run and says, step by step, why it was throttled. */
@WireMockTest
class SweepCostAndThrottleCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";
    private static final String ANSWER = "{\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100}}";
    /** OpenAI's token-rate 429 (type tokens), asking for a wait longer than --max-wait 0s: not retried. */
    private static final String TOKEN_RATE = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on tokens "
            + "per min (TPM). Please try again in 20s.\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}";

    @TempDir
    Path dir;

    @Test
    void eachStepHasItsCostAndItsCausesOf429s(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).withRequestBody(equalToJson("{\"messages\":[{\"content\":"
                + "\"two\"}]}", true, true)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")
                .withHeader("Content-Type", "application/json").withBody(TOKEN_RATE)));
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANSWER)));
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\nthree\nfour\n");
        String[] args = {"sweep", prompts.toString(), "--threads", "1,2", "--endpoint", wm.getHttpBaseUrl() + "/v1",
                "--model", "gpt-4o-mini", "--no-warmup", "--no-canary", "--max-wait", "0s", "--force", "--min-requests", "8", "--yes"};

        CliRun json = CliRun.of(Map.of("OPENAI_API_KEY", "k"), concat(args, "--out", dir.resolve("a.jsonl").toString(),
                "--format", "json"));
        CliRun table = CliRun.of(Map.of("OPENAI_API_KEY", "k"), concat(args, "--out", dir.resolve("b.jsonl").toString(),
                "--html", dir.resolve("b.html").toString()));

        // 8 requests a step (4 × the highest step): two of them are "two", answered 429; six answers priced.
        double answer = (1000 * 0.15 + 100 * 0.60) / 1e6;
        JsonNode steps = JSON.readTree(json.out()).path("steps");
        assertEquals(2, steps.size(), json.out() + json.err());
        for (JsonNode step : steps) {
            assertEquals(2, step.path("rate_limited_by_cause").path("token_rate").asLong(), step.toString());
            assertEquals(6 * answer, step.path("cost").path("total").asDouble(), 1e-9, step.toString());
            assertEquals(answer * 1000, step.path("cost").path("per_1k_prompts").asDouble(), 1e-9);
        }
        assertTrue(table.out().contains("cost/1k"), table.out());
        assertTrue(table.out().contains("0.21"), "cost per 1,000 answers: " + table.out());
        assertTrue(table.out().contains("2 threads: 2 answered 429 (2 token_rate)"), table.out());
        String page = Files.readString(dir.resolve("b.html"));
        assertTrue(page.contains("title=\"429s by cause: 2 token_rate\">2<"), "the step's 429s cell names the causes");
        assertTrue(page.contains("<th>cost/1k</th>"), "the steps table has the cost");
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
