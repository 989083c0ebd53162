package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: {@code report A B} compares runs only where that is fair, and says why not otherwise. The
 * inputs are the side-by-side golden files (an online run and a batch run of the same prompts), changed
 * where a test needs another case.
 */
class ReportSideBySideTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/side-by-side");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path batch(UnaryOperator<String> change) throws Exception {
        Path file = dir.resolve("batch.jsonl");
        Files.writeString(file, change.apply(Files.readString(GOLDEN.resolve("batch.jsonl"), StandardCharsets.UTF_8)));
        return file;
    }

    private static JsonNode comparison(Path batch) throws Exception {
        CliRun run = CliRun.of("report", GOLDEN.resolve("online.jsonl").toString(), batch.toString(),
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out()).path("comparison").path(0);
    }

    @Test
    void theSamePromptsAndSettingsAreCompared() throws Exception {
        JsonNode versus = comparison(batch(text -> text));
        assertTrue(versus.path("withheld").isNull(), versus.toString());
        assertEquals("parallel", versus.path("baseline").path("mode").asText(), "the online run's parallel mode");
        assertEquals("batch", versus.path("run").path("mode").asText());
        assertEquals(0.5, versus.path("cost_per_1k_ratio").asDouble(), 1e-4, "the batch discount: " + versus);
        assertTrue(versus.path("wall_ratio").asDouble() > 0, versus.toString());
    }

    @Test
    void anotherPromptFileWithholdsTheComparison() throws Exception {
        Path other = batch(text -> text.replaceFirst("\"prompt_file_sha256\":\"dd", "\"prompt_file_sha256\":\"ee"));
        JsonNode versus = comparison(other);
        assertTrue(versus.path("withheld").asText().contains("the prompt files differ"), versus.toString());
        assertTrue(versus.path("wall_ratio").isNull() && versus.path("cost_per_1k_ratio").isNull(), versus.toString());

        CliRun table = CliRun.of("report", GOLDEN.resolve("online.jsonl").toString(), other.toString());
        assertTrue(table.out().contains("batch.jsonl batch against online.jsonl parallel: not compared: the prompt "
                + "files differ"), table.out());
    }

    @Test
    void otherRequestSettingsWithholdTheComparison() throws Exception {
        JsonNode versus = comparison(batch(text -> text.replaceFirst("\"max_tokens\":null", "\"max_tokens\":50")));
        assertEquals("the runs were sent with different settings (max_tokens - vs 50)",
                versus.path("withheld").asText(), versus.toString());
    }

    /** Two online runs: the one's API, streaming, tier or request body differ from the other's. */
    private JsonNode onlineAgainst(UnaryOperator<String> change) throws Exception {
        Path other = dir.resolve("other.jsonl");
        Files.writeString(other, change.apply(Files.readString(GOLDEN.resolve("online.jsonl"), StandardCharsets.UTF_8)));
        CliRun run = CliRun.of("report", GOLDEN.resolve("online.jsonl").toString(), other.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out()).path("comparison").path(0);
    }

    @Test
    void anotherApiStreamTierOrBodyWithholdsTheComparison() throws Exception {
        assertTrue(onlineAgainst(text -> text).path("withheld").isNull(), "the same run is comparable");
        assertEquals("the runs were sent with different settings (--stream false vs true)",
                onlineAgainst(text -> text.replaceFirst("\"--stream\":\"false\"", "\"--stream\":\"true\""))
                        .path("withheld").asText());
        assertEquals("the runs were sent with different settings (--api chat vs responses)",
                onlineAgainst(text -> text.replaceFirst("\"--stream\":", "\"--api\":\"responses\",\"--stream\":"))
                        .path("withheld").asText(), "a file from before --api was a chat run");
        assertEquals("the runs were sent with different settings (--service-tier none vs flex)",
                onlineAgainst(text -> text.replaceFirst("\"--stream\":", "\"--service-tier\":\"flex\",\"--stream\":"))
                        .path("withheld").asText());
        assertTrue(onlineAgainst(text -> text.replaceFirst("\"--extra-body\":\"\\{\\}\"",
                        "\"--extra-body\":\"{\\\\\"reasoning_effort\\\\\":\\\\\"high\\\\\"}\""))
                .path("withheld").asText().startsWith("the runs were sent with different settings (--extra-body none vs {"));
    }

    /** Two runs against the built-in simulator set up differently ran against two services (hostile-newcomer finding). */
    @Test
    void anotherSimulatedServiceWithholdsTheComparison() throws Exception {
        String online = Files.readString(GOLDEN.resolve("online.jsonl"), StandardCharsets.UTF_8);
        Path first = Files.writeString(dir.resolve("first.jsonl"),
                online.replaceFirst("\"--stream\":", "\"--sim-tokens\":\"40\",\"--stream\":"));
        Path second = Files.writeString(dir.resolve("second.jsonl"),
                online.replaceFirst("\"--stream\":", "\"--sim-tokens\":\"10\",\"--stream\":"));

        CliRun run = CliRun.of("report", first.toString(), second.toString(), "--format", "json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("the runs were sent with different settings (--sim-tokens 40 vs 10)",
                JSON.readTree(run.out()).path("comparison").path(0).path("withheld").asText(), run.out());
    }

    @Test
    void differentErrorCountsWithholdTheWallButNotTheCostPerAnswer() throws Exception {
        JsonNode versus = comparison(batch(text -> text.replaceFirst(
                "\"status\":\"ok\",\"finish_reason\":\"stop\",\"http_status\":200,\"error\":null",
                "\"status\":\"error\",\"finish_reason\":null,\"http_status\":500,\"error\":{\"kind\":\"server_error\","
                        + "\"code\":null,\"message\":\"boom\"}")));
        assertTrue(versus.path("withheld").isNull(), versus.toString());
        assertTrue(versus.path("wall_ratio").isNull(), versus.toString());
        assertTrue(versus.path("wall_withheld").asText().contains("different error counts"), versus.toString());
        assertTrue(versus.path("cost_per_1k_ratio").isNumber(), "cost per priced answer stays fair: " + versus);
    }

    @Test
    void promptsNotRunAreNotCalledErrors() throws Exception {
        JsonNode versus = comparison(batch(text -> text.replaceFirst(
                "\"status\":\"ok\",\"finish_reason\":\"stop\",\"http_status\":200,\"error\":null",
                "\"status\":\"not_run\",\"finish_reason\":null,\"http_status\":null,\"error\":null")));
        assertTrue(versus.path("wall_withheld").asText().startsWith("the runs ended with different counts of prompts "
                + "not run"), versus.toString());
    }

    @Test
    void anUnknownCostIsNotCompared() throws Exception {
        JsonNode versus = comparison(batch(text -> text.replaceAll("\"cost\":[0-9.E-]+", "\"cost\":null")));
        assertTrue(versus.path("cost_per_1k_ratio").isNull(), versus.toString());
        assertEquals("the cost of batch.jsonl batch is not known", versus.path("cost_withheld").asText());
        assertTrue(versus.path("wall_ratio").isNumber(), versus.toString());
    }

    @Test
    void htmlTakesOneResultsFile() throws Exception {
        CliRun run = CliRun.of("report", GOLDEN.resolve("online.jsonl").toString(), batch(text -> text).toString(),
                "--html", dir.resolve("r.html").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--html draws one run's timelines"), run.err());
        assertTrue(Files.notExists(dir.resolve("r.html")));
    }

    @Test
    void thresholdsGateOneRun() throws Exception {
        CliRun run = CliRun.of("report", GOLDEN.resolve("online.jsonl").toString(), batch(text -> text).toString(),
                "--fail-if", "p95>2s");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("gate one run: give one results file"), run.err());
        assertEquals("", run.out());
    }

    /** A batch file whose fetch was stopped before its summary record: the wall comes from its parts, never 0. */
    @Test
    void aBatchFileWithoutItsSummaryTakesItsWallFromItsParts() throws Exception {
        Path cut = batch(text -> text.lines().filter(l -> !l.contains("\"type\":\"summary\""))
                .map(l -> l + "\n").reduce("", String::concat));
        CliRun json = CliRun.of("report", cut.toString(), "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(2808.0, JSON.readTree(json.out()).path("modes").path("batch").path("wall_ms").asDouble(), 1.0,
                json.out());
        assertTrue(json.err().contains("no summary record"), json.err());
    }
}
