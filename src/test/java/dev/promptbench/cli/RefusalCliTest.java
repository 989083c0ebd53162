package dev.promptbench.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's refusal, end to end over HTTP: an ok answer that is counted as refused, not an empty one. */
@WireMockTest
class RefusalCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";

    @TempDir
    Path dir;

    private static String answer(String message) {
        return "{\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":"
                + message + ",\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6}}";
    }

    @Test
    void aRefusalIsAnOkAnswerCountedAsRefusedWithItsTextInTheRecord(WireMockRuntimeInfo wm) throws Exception {
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).withRequestBody(equalToJson("{\"messages\":[{\"content\":"
                + "\"two\"}]}", true, true)).willReturn(json(answer("{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I can't help with that.\"}"))));
        wm.getWireMock().register(post(urlPathEqualTo(PATH)).atPriority(10)
                .willReturn(json(answer("{\"role\":\"assistant\",\"content\":\"Sure.\"}"))));
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\nthree\n");
        Path out = dir.resolve("r.jsonl");

        CliRun run = CliRun.of(Map.of("OPENAI_API_KEY", "k"), "run", prompts.toString(), "--endpoint",
                wm.getHttpBaseUrl() + "/v1", "--model", "gpt-4o-mini", "--mode", "parallel", "--threads", "1",
                "--out", out.toString(), "--no-warmup", "--no-canary", "--format", "json",
                "--csv", dir.resolve("r.csv").toString());

        assertEquals(0, run.exitCode(), "a refusal is an answer, not a failed request: " + run.err());
        JsonNode parallel = JSON.readTree(run.out()).path("modes").path("parallel");
        assertEquals(3, parallel.path("ok").asLong(), run.out());
        assertEquals(1, parallel.path("refused").asLong(), run.out());
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            if (node.path("type").asText().equals("request")) records.add(node);
        }
        JsonNode refused = records.stream().filter(r -> r.path("id").asText().equals("line-2")).findFirst().orElseThrow();
        assertEquals("ok", refused.path("status").asText());
        assertEquals("I can't help with that.", refused.path("refusal").asText(), refused.toString());
        assertEquals("", refused.path("answer").asText());
        assertFalse(records.get(0).has("refusal") && records.get(2).has("refusal"), "only a refusal has one");

        List<List<String>> rows = Csv.parse(Files.readString(dir.resolve("r.csv"), StandardCharsets.UTF_8));
        int id = rows.get(0).indexOf("id");
        int refusedColumn = rows.get(0).indexOf("refused");
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(row.get(id).equals("line-2") ? "true" : "false", row.get(refusedColumn), row.toString());
        }

        CliRun table = CliRun.of("report", out.toString());
        assertTrue(table.out().contains("parallel: 1 answer refused by the model"), table.out());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
