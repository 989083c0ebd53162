package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Odd answers end to end: what the run records and says when a server bends the API. */
@WireMockTest
class BrokenAnswersCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";
    private static final String CHOICE = "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"hi\"},\"finish_reason\":\"stop\"}]";

    @TempDir
    Path dir;

    @Test
    void aServerThatIgnoresStreamIsRecordedWithoutTtftAndWarnedAboutOnce(WireMockRuntimeInfo wm) throws Exception {
        stub(wm, json(200, "{\"object\":\"chat.completion\"," + CHOICE
                + ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}"));
        Path results = dir.resolve("r.jsonl");

        CliRun run = run(wm, results, "--stream", "--mode", "parallel");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, count(run.err(), "ignored \"stream\": true"), run.err());
        for (JsonNode request : requests(results)) {
            assertEquals("ok", request.path("status").asText());
            assertFalse(request.has("ttft_ms") && !request.get("ttft_ms").isNull(), request.toString());
        }
    }

    @Test
    void anAnswerWithoutUsageHasUnknownTokens(WireMockRuntimeInfo wm) throws Exception {
        stub(wm, json(200, "{\"object\":\"chat.completion\"," + CHOICE + "}"));
        Path results = dir.resolve("r.jsonl");

        CliRun run = run(wm, results, "--mode", "sequential");

        assertEquals(0, run.exitCode(), run.err());
        for (JsonNode request : requests(results)) {
            assertEquals("ok", request.path("status").asText());
            assertTrue(request.path("tokens").isNull(), request.toString());
        }
    }

    @Test
    void aChunkInPlaceOfACompletionIsNeverOk(WireMockRuntimeInfo wm) throws Exception {
        stub(wm, json(200, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\"hi\"},\"finish_reason\":null}]}"));
        Path results = dir.resolve("r.jsonl");

        CliRun run = run(wm, results, "--mode", "sequential", "--retries", "0");

        assertEquals(1, run.exitCode(), run.err());
        for (JsonNode request : requests(results)) {
            assertEquals("error", request.path("status").asText());
            assertEquals("malformed", request.path("error").path("kind").asText());
        }
    }

    @Test
    void aFlatErrorBodyGivesItsMessageToTheErrorLine(WireMockRuntimeInfo wm) throws Exception {
        stub(wm, json(400, "{\"error\":\"Bad Request\",\"message\":\"max_tokens must be at most 4096\"}"));

        CliRun run = run(wm, dir.resolve("r.jsonl"), "--mode", "sequential");

        assertEquals(4, run.exitCode(), "the canary stops the run: " + run.err());
        assertTrue(run.err().contains("HTTP 400 Bad Request: max_tokens must be at most 4096"), run.err());
    }

    @Test
    void aFlatErrorBodyGivesItsMessageToTheResultsFile(WireMockRuntimeInfo wm) throws Exception {
        // The canary is answered; every request after it gets the gateway's flat error.
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("canary done").willReturn(json(200, "{" + CHOICE + "}")));
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("canary done")
                .willReturn(json(422, "{\"error\":\"Unprocessable Entity\",\"message\":\"max_tokens must be"
                        + " at most 4096\",\"statusCode\":422}")));
        Path results = dir.resolve("r.jsonl");

        CliRun run = run(wm, results, "--mode", "sequential");

        assertEquals(1, run.exitCode(), run.err());
        for (JsonNode request : requests(results)) {
            assertEquals("HTTP 422 Unprocessable Entity: max_tokens must be at most 4096",
                    request.path("error").path("message").asText());
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void stub(WireMockRuntimeInfo wm, ResponseDefinitionBuilder response) {
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    private CliRun run(WireMockRuntimeInfo wm, Path results, String... extra) throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\nthree\n");
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
        assertEquals(3, requests.size());
        return requests;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
        return n;
    }
}
