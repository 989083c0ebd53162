package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --api responses} against the built-in simulator: every prompt answered, reasoning timed apart. */
class ResponsesRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aStreamedResponsesRunRecordsTheFirstReasoningEventBeforeTheFirstToken() throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\nthree\n");
        Path out = dir.resolve("r.jsonl");

        CliRun run = CliRun.of("run", prompts.toString(), "--api", "responses", "--stream", "--mode", "parallel",
                "--threads", "3", "--system", "Be brief.", "--max-tokens", "200", "--out", out.toString(),
                "--sim-ttft-median", "0ms", "--sim-ttft-sigma", "0", "--sim-token-delay", "1ms",
                "--sim-reasoning-tokens", "10", "--no-warmup", "--quiet");

        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> requests = Files.readAllLines(out).stream().map(ResponsesRunTest::parse)
                .filter(r -> r.path("type").asText().equals("request")).toList();
        assertEquals(3, requests.size());
        for (JsonNode request : requests) {
            assertEquals("ok", request.path("status").asText(), request.toString());
            assertEquals(10, request.path("tokens").path("reasoning").asInt(), request.toString());
            assertTrue(request.path("first_reasoning_ms").asDouble() <= request.path("ttft_ms").asDouble(),
                    request.toString());
        }
    }

    @Test
    void seedIsRefusedWithTheResponsesApi() {
        CliRun run = CliRun.of("run", "prompts/sample.txt", "--api", "responses", "--seed", "7");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--seed is not a field of the Responses API"), run.err());
    }

    @Test
    void aSeedInAJsonlPromptIsRefusedWithTheResponsesApiNamingItsLine() throws Exception {
        Path prompts = dir.resolve("p.jsonl");
        Files.writeString(prompts, "{\"prompt\": \"one\"}\n{\"prompt\": \"two\", \"seed\": 7}\n{\"prompt\": \"three\"}\n");

        CliRun run = CliRun.of("run", prompts.toString(), "--api", "responses", "--out", dir.resolve("r.jsonl").toString());
        CliRun sweep = CliRun.of("sweep", prompts.toString(), "--threads", "1,2", "--api", "responses",
                "--out", dir.resolve("s.jsonl").toString());

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(prompts + ":2: \"seed\" is not a field of the Responses API"), run.err());
        assertEquals(2, sweep.exitCode(), sweep.err());
        assertTrue(sweep.err().contains(":2: \"seed\""), sweep.err());
        assertEquals(0, CliRun.of("run", prompts.toString(), "--mode", "sequential", "--sim-ttft-median", "0ms",
                "--sim-token-delay", "0ms", "--no-warmup", "-q", "--out", dir.resolve("c.jsonl").toString()).exitCode(),
                "chat completions take a seed");
    }

    @Test
    void anUnknownApiIsAUsageError() {
        CliRun run = CliRun.of("run", "prompts/sample.txt", "--api", "completions");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--api"), run.err());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
