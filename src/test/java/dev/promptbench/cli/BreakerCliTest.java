package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
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

/** Mid-run, an endpoint that stops answering every worker trips the circuit breaker: exit 4, the rest not_run. */
@WireMockTest
class BreakerCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";
    private static final String COMPLETION = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    Path dir;

    /** The canary and two prompts are answered; then every connection is dropped. */
    private static void answersThenDies(WireMockRuntimeInfo wm) {
        String state = Scenario.STARTED;
        for (int i = 0; i < 3; i++) {
            String next = "after-" + i;
            wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(aResponse().withStatus(200)
                            .withHeader("Content-Type", "application/json").withBody(COMPLETION)));
            state = next;
        }
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(state)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    private CliRun run(WireMockRuntimeInfo wm, Path results, String... extra) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) text.append("prompt ").append(i).append('\n');
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, text);
        List<String> args = new ArrayList<>(List.of("run", prompts.toString(), "--endpoint",
                wm.getHttpBaseUrl() + "/v1", "--model", "m", "--out", results.toString(), "--no-warmup"));
        args.addAll(List.of(extra));
        return CliRun.of(Map.of("OPENAI_API_KEY", "k"), args.toArray(String[]::new));
    }

    private static List<JsonNode> records(Path results, String type) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            if (record.path("type").asText().equals(type)) records.add(record);
        }
        return records;
    }

    @Test
    void anEndpointThatStopsAnsweringStopsTheRunWithARecordAndExit4(WireMockRuntimeInfo wm) throws Exception {
        answersThenDies(wm);
        Path results = dir.resolve("r.jsonl");

        CliRun run = run(wm, results, "--retries", "0", "--breaker", "5");

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("promptbench: stopped: the endpoint stopped answering: 5 connection failures"),
                run.err());
        assertTrue(run.err().contains("--resume " + results), run.err());
        List<JsonNode> requests = records(results, "request");
        assertEquals(20, requests.size(), "every prompt of the sequential mode has exactly one record");
        assertEquals(20, requests.stream().map(r -> r.path("index").asInt()).distinct().count());
        assertTrue(requests.stream().allMatch(r -> r.path("mode").asText().equals("sequential")),
                "the parallel mode never started");
        assertEquals(2, requests.stream().filter(r -> r.path("status").asText().equals("ok")).count());
        assertEquals(5, requests.stream().filter(r -> r.path("status").asText().equals("error")).count());
        assertEquals(13, requests.stream().filter(r -> r.path("status").asText().equals("not_run")).count());
        List<JsonNode> trips = records(results, "breaker");
        assertEquals(1, trips.size());
        assertEquals("sequential", trips.get(0).path("mode").asText());
        assertEquals(5, trips.get(0).path("failures").asInt());
        assertEquals("connection_lost", trips.get(0).path("last_error").path("kind").asText());
    }

    @Test
    void aFewTransientFailuresInAHealthyRunNeverTripIt(WireMockRuntimeInfo wm) throws Exception {
        // Every third request is dropped; the others are answered.
        String state = Scenario.STARTED;
        for (int i = 0; i < 3; i++) {
            String next = i == 2 ? Scenario.STARTED : "s" + (i + 1);
            var response = i == 2 ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
                    : aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(COMPLETION);
            wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(response));
            state = next;
        }
        Path results = dir.resolve("r.jsonl");

        CliRun run = run(wm, results, "--retries", "0", "--mode", "sequential");

        // A drop on a reused connection may be sent again on a fresh one (a stale connection), so it may or may not
        // end as an error; the breaker never trips either way.
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.err());
        assertTrue(records(results, "breaker").isEmpty());
        assertTrue(records(results, "request").stream().noneMatch(r -> r.path("status").asText().equals("not_run")));
    }
}
