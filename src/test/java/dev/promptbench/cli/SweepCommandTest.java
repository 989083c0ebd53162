package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void sweepsEachStepWithEnoughRequestsAndPrintsJson() throws Exception {
        Path out = dir.resolve("sweep.jsonl");
        CliRun run = CliRun.of("sweep", "prompts/sample.txt", "--threads", "4,1,2", "--min-requests", "10",
                "--format", "json", "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("sweep", doc.path("type").asText());
        assertEquals(3, doc.path("steps").size());
        assertEquals(1, doc.path("steps").get(0).path("threads").asInt(), "steps ascend");
        assertEquals(16, doc.path("requests_per_step").asInt(), "at least 4 x the largest step");
        for (JsonNode step : doc.path("steps")) {
            assertEquals(16, step.path("repeats").get(0).path("ok").asInt());
        }
        assertTrue(doc.path("knee").has("reason"));
        long requests = Files.readAllLines(out).stream().filter(l -> l.contains("\"type\":\"request\"")).count();
        assertEquals(48, requests);
    }

    @Test
    void aPaidEndpointNeedsYes() {
        CliRun run = CliRun.of(Map.of("OPENAI_API_KEY", "k"), "sweep", "prompts/sample.txt", "--model", "m",
                "--threads", "1,2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--yes"), run.err());
        assertTrue(run.err().contains("200 requests"), run.err());
    }

    @Test
    void badStepsAreUsageErrors() {
        assertEquals(2, CliRun.of("sweep", "prompts/sample.txt", "--threads", "0,2").exitCode());
        assertEquals(2, CliRun.of("sweep", "prompts/sample.txt", "--threads", "a,b").exitCode());
    }

    @Test
    void reportOnASweepFilePointsToHtml() throws Exception {
        Path out = dir.resolve("sweep.jsonl");
        assertEquals(0, CliRun.of("sweep", "prompts/sample.txt", "--threads", "1,2", "--min-requests", "4",
                "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup", "--out", out.toString())
                .exitCode());
        CliRun table = CliRun.of("report", out.toString());
        assertEquals(2, table.exitCode());
        assertTrue(table.err().contains("--html"), table.err());
        Path html = dir.resolve("sweep.html");
        assertEquals(0, CliRun.of("report", out.toString(), "--html", html.toString()).exitCode());
        assertTrue(Files.size(html) > 0);
    }
}
