package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command end to end, in-process, against the built-in simulator at zero latency. */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FAST_SIM = {"--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup"};

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(List.of(FAST_SIM));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static List<JsonNode> records(Path file) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) records.add(JSON.readTree(line));
        return records;
    }

    @Test
    void comparesTheSamplePromptsAgainstTheSimulator() throws Exception {
        Path out = dir.resolve("run.jsonl");
        CliRun run = run("prompts/sample.txt", "--threads", "4", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        String firstLine = run.err().lines().findFirst().orElseThrow();
        assertTrue(firstLine.contains("simulator"), firstLine);
        assertTrue(firstLine.contains("4 prompts"), firstLine);
        assertTrue(run.out().contains("sequential"), run.out());
        assertTrue(run.out().contains("parallel"), run.out());
        assertTrue(run.out().contains("speedup"), run.out());
        assertTrue(run.out().contains("of ideal"), run.out());
    }

    @Test
    void theResultsFileHasHeaderOneRecordPerPromptAndModeAndSummaries() throws Exception {
        Path out = dir.resolve("run.jsonl");
        CliRun run = run("prompts/sample.txt", "--threads", "2", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());

        List<JsonNode> records = records(out);
        assertEquals("run", records.get(0).path("type").asText());
        assertEquals(1, records.get(0).path("schema_version").asInt());
        assertEquals(64, records.get(0).path("prompt_file_sha256").asText().length());
        assertEquals(4, records.get(0).path("prompts").asInt());
        for (String mode : new String[] {"sequential", "parallel"}) {
            List<JsonNode> requests = records.stream()
                    .filter(r -> r.path("type").asText().equals("request") && r.path("mode").asText().equals(mode))
                    .toList();
            assertEquals(4, requests.size(), mode);
            assertEquals(4, requests.stream().map(r -> r.path("index").asInt()).distinct().count(), mode);
            for (JsonNode r : requests) {
                assertEquals("ok", r.path("status").asText());
                assertTrue(r.path("id").asText().startsWith("line-"));
                assertTrue(r.path("tokens").path("completion").asInt() > 0);
                assertFalse(r.path("answer").asText().isEmpty());
            }
            assertEquals(1, records.stream().filter(r -> r.path("type").asText().equals("summary")
                    && r.path("mode").asText().equals(mode)).count());
        }
    }

    @Test
    void jsonFormatPrintsExactlyOneDocumentOnStdout() throws Exception {
        Path out = dir.resolve("run.jsonl");
        CliRun run = run("prompts/sample.txt", "--format", "json", "--threads", "4", "--out", out.toString(),
                "--show-answers");
        assertEquals(0, run.exitCode(), run.err());

        JsonNode doc;
        try (var parser = JSON.createParser(run.out())) {
            doc = JSON.readTree(parser);
            assertEquals(null, parser.nextToken(), "nothing after the JSON document");
        }
        assertEquals(1, doc.path("schema_version").asInt());
        assertTrue(doc.path("simulated").asBoolean());
        assertEquals("simulator", doc.path("endpoint").path("kind").asText());
        assertEquals("compare", doc.path("config").path("mode").asText());
        assertTrue(doc.path("config").has("max_tokens"));
        assertEquals(4, doc.path("prompts").asInt());
        assertEquals(4, doc.path("threads").asInt());
        assertEquals(out.toString(), doc.path("results_file").asText());
        JsonNode seq = doc.path("modes").path("sequential");
        JsonNode par = doc.path("modes").path("parallel");
        for (String key : new String[] {"wall_ms", "requests", "ok", "errors", "filtered", "not_run",
            "requests_per_s", "latency_ms", "tokens", "completion_tokens_per_s"}) {
            assertTrue(seq.has(key), "sequential." + key);
            assertTrue(par.has(key), "parallel." + key);
        }
        for (String p : new String[] {"p50", "p90", "p95", "p99", "max"}) assertTrue(seq.path("latency_ms").has(p));
        assertTrue(par.has("lower_bound_ms"));
        assertTrue(par.has("efficiency"));
        assertTrue(doc.has("speedup"));
        // --show-answers goes to stderr when stdout carries JSON.
        assertTrue(run.err().contains("[line-1]"), run.err());
    }

    @Test
    void parallelModeSkipsTheSequentialLeg() throws Exception {
        Path out = dir.resolve("run.jsonl");
        CliRun run = run("prompts/sample.txt", "--mode", "parallel", "--format", "json", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertFalse(doc.path("modes").has("sequential"));
        assertTrue(doc.path("modes").has("parallel"));
        assertFalse(doc.has("speedup"));
    }

    @Test
    void jsonTellsTheStartUpOverheadBeforeTheFirstTimedRequest() throws Exception {
        CliRun run = run("prompts/sample.txt", "--mode", "parallel", "--format", "json",
                "--out", dir.resolve("overhead.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode overhead = JSON.readTree(run.out()).path("overhead_ms");
        // From this (test) JVM's start: unknown only where the system does not tell a process's start time.
        assertTrue(overhead.isNull() || overhead.isNumber() && overhead.asDouble() > 0, overhead.toString());
    }

    @Test
    void showAnswersPrintsEachAnswerOnce() throws Exception {
        CliRun run = run("prompts/sample.txt", "--show-answers", "--out", dir.resolve("r.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        for (int line = 1; line <= 4; line++) {
            String tag = "[line-" + line + "]";
            assertEquals(1, run.out().lines().filter(l -> l.startsWith(tag)).count(), tag);
        }
    }

    @Test
    void defaultResultsFileGoesUnderResults() throws Exception {
        CliRun run = CliRun.of("run", "prompts/sample.txt", "--mode", "sequential", "--sim-ttft-median", "0ms",
                "--sim-token-delay", "0ms", "--no-warmup", "-q");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().isEmpty(), "quiet: " + run.err());
        try (Stream<Path> files = Files.list(Path.of("results"))) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".jsonl")));
        }
    }

    @Test
    void warmUpAndJsonlPromptsWork() throws Exception {
        CliRun run = CliRun.of("run", "prompts/sample.jsonl", "--threads", "2", "--sim-ttft-median", "0ms",
                "--sim-token-delay", "0ms", "--out", dir.resolve("r.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("speedup"));
    }

    @Test
    void noEscapeCodesAnywhereInCiOrWhenNotATerminal() throws Exception {
        CliRun run = CliRun.of(java.util.Map.of("CI", "true"), "run", "prompts/sample.txt", "--threads", "2",
                "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup", "--show-answers",
                "--out", dir.resolve("r.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("\u001b") || run.err().contains("\u001b"), "an ANSI escape was printed");
        assertFalse(run.err().contains("\r"), "no progress line redraws in CI");
    }

    @Test
    void csvWritesOneRowPerRequestThatAStrictParserReads() throws Exception {
        Path csv = dir.resolve("requests.csv");
        CliRun run = run("prompts/sample.txt", "--threads", "2", "--out", dir.resolve("r.jsonl").toString(),
                "--csv", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        assertEquals(1 + 8, rows.size(), "a header and one row per request of both modes");
        int status = rows.get(0).indexOf("status");
        int latency = rows.get(0).indexOf("latency_ms");
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(rows.get(0).size(), row.size());
            assertEquals("ok", row.get(status));
            assertTrue(Double.parseDouble(row.get(latency)) >= 0);
        }
    }
}
