package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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

    @Test
    void itSaysHowLongItWillTakeAndTheMaxDurationLeavesTheRestNotRun() throws Exception {
        // 100 ms answers, 16 requests a step: the 1-thread step alone takes ~1.6 s, more than the cap allows.
        CliRun run = CliRun.of("sweep", "prompts/sample.txt", "--threads", "1,2,4", "--min-requests", "16",
                "--format", "json", "--sim-ttft-median", "100ms", "--sim-ttft-sigma", "0", "--sim-token-delay", "0ms",
                "--no-warmup", "--max-duration", "1s", "--out", dir.resolve("capped.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("estimated duration: ~"), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(0, doc.path("steps").size(), run.out());
        assertEquals("[1,2,4]", doc.path("not_run").toString());
        assertTrue(doc.path("stopped").asText().startsWith("stopped by --max-duration 1.0 s"), run.out());
    }

    /** A cap that leaves no step to run says so, instead of an empty table and a knee of nothing. */
    @Test
    void aMaxDurationThatRunsNoStepSaysNoStepRan() throws Exception {
        CliRun run = CliRun.of("sweep", "prompts/sample.txt", "--threads", "1,2,4", "--min-requests", "16",
                "--sim-ttft-median", "100ms", "--sim-ttft-sigma", "0", "--sim-token-delay", "0ms",
                "--no-warmup", "--max-duration", "1s", "--out", dir.resolve("none.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("no step ran\n"), run.out());
        assertTrue(run.out().contains("not run: 1, 2, 4 threads — stopped by --max-duration 1.0 s"), run.out());
        assertFalse(run.out().contains("req/s  spread"), "no empty table: " + run.out());
        assertFalse(run.out().contains("knee:"), "no knee of nothing: " + run.out());
    }

    /** Each --csv row names its step: the rows of one sweep differ by threads, not only by mode and repeat. */
    @Test
    void csvRowsSayWhichStepTheyBelongTo() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        CliRun run = CliRun.of("sweep", "prompts/sample.txt", "--threads", "1,2", "--min-requests", "8",
                "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup", "--csv", csv.toString(),
                "--out", dir.resolve("csv.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int threads = header.indexOf("threads");
        assertTrue(threads >= 0, "a threads column: " + header);
        Map<String, Long> rowsByThreads = lines.stream().skip(1).map(l -> l.split(",")[threads])
                .collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("1", 8L, "2", 8L), rowsByThreads);
    }

    @Test
    void untilSaturationStopsWhen429sAppear() throws Exception {
        // 100 requests a second (600 a simulated minute, clock x10) with a burst of 10: 4 threads at zero
        // latency overrun it whatever the box's load, so 429s appear by the second step at the latest.
        CliRun run = CliRun.of("sweep", "prompts/sample.txt", "--threads", "1,4,8,16", "--min-requests", "16",
                "--until", "saturation", "--sim-rpm", "600", "--sim-time-scale", "10", "--sim-ttft-median", "0ms",
                "--sim-token-delay", "0ms", "--no-warmup", "--retries", "50", "--out", dir.resolve("until.jsonl").toString());
        assertTrue(run.out().contains("not run: 8, 16 threads — stopped at the knee (--until saturation)"),
                run.out() + run.err());
        long steps = Files.readAllLines(dir.resolve("until.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"sweep_step\"")).count();
        assertEquals(2, steps, "the steps after the knee never ran");
    }

    @Test
    void aTargetSearchRecommendsAThreadCount() throws Exception {
        // The simulator's latency does not grow with concurrency: every count meets it, the highest is recommended.
        CliRun run = CliRun.of("sweep", "prompts/sample.txt", "--threads", "1,8", "--min-requests", "8",
                "--target", "p95<5s", "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup",
                "--format", "json", "--out", dir.resolve("target.jsonl").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(8, doc.path("recommended_threads").asInt(), run.out());
        assertTrue(doc.path("recommendation").asText().startsWith("recommended --threads 8: p95 "), run.out());
        assertEquals(4, doc.path("steps").size(), "1, 2, 4, 8");
    }

    @Test
    void badUntilOrTargetAreUsageErrors() {
        CliRun until = CliRun.of("sweep", "prompts/sample.txt", "--until", "dawn");
        assertEquals(2, until.exitCode());
        assertTrue(until.err().contains("--until takes one value, saturation"), until.err());
        CliRun target = CliRun.of("sweep", "prompts/sample.txt", "--target", "p95>2s");
        assertEquals(2, target.exitCode());
        assertTrue(target.err().contains("--target: 'p95>2s' is not a target"), target.err());
    }
}
