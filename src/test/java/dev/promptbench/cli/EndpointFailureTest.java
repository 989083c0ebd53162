package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run does when the endpoint misbehaves, end to end over real HTTP. */
@WireMockTest
class EndpointFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";
    private static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    Path dir;

    private static ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(COMPLETION);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Answers the first {@code okCount} requests (canary included) with 200, then {@code then}. */
    private static void okThen(WireMockRuntimeInfo wm, int okCount, ResponseDefinitionBuilder then) {
        String state = Scenario.STARTED;
        for (int i = 0; i < okCount; i++) {
            String next = "after-" + i;
            wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(ok()));
            state = next;
        }
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(state)
                .willReturn(then));
    }

    private Path prompts(int n) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) text.append("prompt ").append(i).append('\n');
        Path file = dir.resolve("p.txt");
        Files.writeString(file, text);
        return file;
    }

    private CliRun run(WireMockRuntimeInfo wm, Path prompts, Path results, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", prompts.toString(), "--endpoint",
                wm.getHttpBaseUrl() + "/v1", "--model", "m", "--out", results.toString(), "--no-warmup"));
        args.addAll(List.of(extra));
        return CliRun.of(Map.of("OPENAI_API_KEY", "k"), args.toArray(String[]::new));
    }

    private static List<JsonNode> requests(Path results) throws Exception {
        List<JsonNode> requests = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            if (record.path("type").asText().equals("request")) requests.add(record);
        }
        return requests;
    }

    private static long count(List<JsonNode> requests, String status) {
        return requests.stream().filter(r -> r.path("status").asText().equals(status)).count();
    }

    @Test
    void a401MidRunStopsDispatchAndExits4(WireMockRuntimeInfo wm) throws Exception {
        okThen(wm, 1 + 3, json(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied\"}}"));
        Path results = dir.resolve("r.jsonl");
        CliRun run = run(wm, prompts(10), results);

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("stopped"), run.err());
        List<JsonNode> requests = requests(results);
        assertEquals(10, requests.size(), "every prompt of the sequential leg has a record");
        assertTrue(requests.stream().allMatch(r -> r.path("mode").asText().equals("sequential")),
                "the parallel leg never started");
        assertEquals(3, count(requests, "ok"));
        assertEquals(1, count(requests, "error"));
        assertEquals(6, count(requests, "not_run"));
        assertEquals(5, wm.getWireMock().find(postRequestedFor(urlPathEqualTo(PATH))).size(), "no request after the 401");
    }

    @Test
    void anExhaustedQuotaMidRunStopsAtOnceInsteadOfRetrying(WireMockRuntimeInfo wm) throws Exception {
        okThen(wm, 1 + 3, json(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your "
                + "plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
                + "\"code\":\"insufficient_quota\"}}").withHeader("retry-after", "1"));
        Path results = dir.resolve("r.jsonl");
        CliRun run = run(wm, prompts(10), results);

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("quota_exhausted"), run.err());
        List<JsonNode> requests = requests(results);
        assertEquals(10, requests.size(), "every prompt of the sequential leg has a record");
        assertEquals(3, count(requests, "ok"));
        assertEquals(1, count(requests, "error"));
        assertEquals(6, count(requests, "not_run"));
        assertEquals(5, wm.getWireMock().find(postRequestedFor(urlPathEqualTo(PATH))).size(),
                "the 429 was not retried, and nothing was sent after it");
        JsonNode failed = requests.stream().filter(r -> r.path("status").asText().equals("error")).findFirst()
                .orElseThrow();
        assertEquals(1, failed.path("rate_limits").path("causes").path("quota_exhausted").asInt(), failed.toString());
        List<JsonNode> stops = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            if (record.path("type").asText().equals("stop")) stops.add(record);
        }
        assertEquals(1, stops.size(), "one stop record");
        assertEquals("quota_exhausted", stops.get(0).path("cause").asText());
        assertTrue(run.out().contains("429 quota_exhausted: 1"), "the report says why and what to do: " + run.out());
    }

    @Test
    void anExhaustedQuotaFoundByTheCanaryExits4WithTheAdvice(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).willReturn(json(429, "{\"error\":{\"message\":\"You "
                + "exceeded your current quota, please check your plan and billing details.\",\"type\":"
                + "\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}")));
        CliRun run = run(wm, prompts(5), dir.resolve("r.jsonl"));
        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("the quota or credit is used up"), run.err());
        assertEquals(1, wm.getWireMock().find(postRequestedFor(urlPathEqualTo(PATH))).size(), "the canary, once");
    }

    @Test
    void anExhaustedQuotaStopsASweepWithAStopRecord(WireMockRuntimeInfo wm) throws Exception {
        okThen(wm, 1 + 6, json(429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the "
                + "ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate "
                + "limit of your current OpenAI S0 pricing tier. Please retry after 86400 seconds.\"}}")
                .withHeader("retry-after", "86400"));
        Path results = dir.resolve("s.jsonl");
        CliRun run = CliRun.of(Map.of("OPENAI_API_KEY", "k"), "sweep", prompts(3).toString(), "--endpoint",
                wm.getHttpBaseUrl() + "/v1", "--model", "m", "--out", results.toString(), "--no-warmup",
                "--threads", "1,2,4", "--min-requests", "4", "--yes");
        assertEquals(4, run.exitCode(), run.err());
        List<String> stops = Files.readAllLines(results, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"type\":\"stop\"")).toList();
        assertEquals(1, stops.size(), "one stop record");
        assertTrue(stops.get(0).contains("\"cause\":\"quota_exhausted\""), stops.get(0));
        assertTrue(run.out().contains("quota_exhausted") || run.err().contains("quota_exhausted"),
                run.out() + run.err());
    }

    @Test
    void aWrongKeyFoundByTheCanaryExits4BeforeAnyBatch(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).willReturn(
                json(401, "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key\"}}")));
        Path results = dir.resolve("r.jsonl");
        CliRun run = run(wm, prompts(5), results);
        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("OPENAI_API_KEY"), "names the variable: " + run.err());
        assertEquals(1, wm.getWireMock().find(postRequestedFor(urlPathEqualTo(PATH))).size());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("promptbench:")).count(), run.err());
    }

    @Test
    void aContentFilter400IsRecordedAndNotRetried(WireMockRuntimeInfo wm) throws Exception {
        okThen(wm, 1, json(400, "{\"error\":{\"code\":\"content_filter\",\"message\":\"filtered\",\"status\":400,"
                + "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}"));
        Path results = dir.resolve("r.jsonl");
        CliRun run = run(wm, prompts(2), results, "--mode", "sequential");
        assertEquals(1, run.exitCode(), run.err());
        List<JsonNode> requests = requests(results);
        assertEquals(2, count(requests, "error"));
        for (JsonNode r : requests) {
            assertEquals("content_filter", r.path("error").path("kind").asText());
            assertEquals(1, r.path("attempts").asInt());
        }
        assertEquals(3, wm.getWireMock().find(postRequestedFor(urlPathEqualTo(PATH))).size());
    }

    @Test
    void aRequestPastTheTimeoutEndsAsATimeoutAndTheRunEnds(WireMockRuntimeInfo wm) throws Exception {
        okThen(wm, 1, ok().withFixedDelay(3_000));
        Path results = dir.resolve("r.jsonl");
        // The canary has its own bound (by default --timeout's): on a loaded machine its first call, cold, can
        // take 300 ms, and this test is about the requests after it.
        CliRun run = run(wm, prompts(2), results, "--mode", "sequential", "--timeout", "300ms",
                "--canary-timeout", "30s", "--no-retry-after-send");
        assertEquals(1, run.exitCode(), run.err());
        List<JsonNode> requests = requests(results);
        assertEquals(2, requests.size());
        assertTrue(requests.stream().allMatch(r -> r.path("error").path("kind").asText().equals("timeout")));
    }

    @Test
    void a429IsWaitedOutRetriedAndCounted(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("limited").willReturn(ok()));
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("limited")
                .willSetStateTo("open").willReturn(json(429, "{\"error\":{\"code\":\"429\",\"message\":\"slow down\"}}")
                        .withHeader("retry-after-ms", "50")));
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("open")
                .willReturn(ok()));
        Path results = dir.resolve("r.jsonl");
        CliRun run = run(wm, prompts(1), results, "--mode", "sequential");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode request = requests(results).get(0);
        assertEquals("ok", request.path("status").asText());
        assertEquals(2, request.path("attempts").asInt());
        assertEquals(1, request.path("rate_limited").asInt());
        assertTrue(request.path("wait_ms").asDouble() >= 50, request.toString());
        assertTrue(run.out().contains("1 answered 429"), run.out());
    }
}
