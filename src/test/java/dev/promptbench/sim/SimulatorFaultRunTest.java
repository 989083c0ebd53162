package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a run against the built-in simulator with faults loses nothing, thanks to retries. */
class SimulatorFaultRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunWithFaultsEndsWithEveryPromptOkAndSomeRetried(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.jsonl");
        // The time scale only shortens the 503s' Retry-After (1 s to 100 ms), to keep the test quick.
        CliRun run = run(prompts(dir, 50), "--sim-fault-rate", "0.2", "--sim-ttft-median", "0ms",
                "--sim-token-delay", "0ms", "--sim-time-scale", "10", "--no-warmup", "--out", results.toString());

        assertEquals(0, run.code(), run.err());
        List<JsonNode> records = requests(results);
        assertEquals(100, records.size(), "50 prompts in each of the two modes");
        for (JsonNode record : records) {
            assertEquals("ok", record.path("status").asText(), record.toString());
        }
        assertTrue(records.stream().anyMatch(r -> r.path("attempts").asInt() > 1), "some requests needed a retry");
    }

    @Test
    void aRunOverTheSimulatorsRateLimitWaitsAndLosesNothing(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.jsonl");
        // 60 RPM on a clock 60 times fast: one request every 16.7 ms, one at a time, against 8 threads.
        CliRun run = run(prompts(dir, 20), "--sim-rpm", "60", "--sim-time-scale", "60", "--sim-ttft-median", "0ms",
                "--sim-token-delay", "0ms", "--mode", "parallel", "--threads", "8", "--no-warmup",
                "--out", results.toString());

        assertEquals(0, run.code(), run.err());
        List<JsonNode> records = requests(results);
        assertEquals(20, records.size());
        for (JsonNode record : records) {
            assertEquals("ok", record.path("status").asText(), record.toString());
        }
        assertTrue(records.stream().anyMatch(r -> r.path("rate_limited").asInt() > 0), "some requests met a 429");
    }

    private record CliRun(int code, String out, String err) {}

    private static CliRun run(Path prompts, String... options) {
        List<String> args = new ArrayList<>(List.of("run", prompts.toString()));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of());
        return new CliRun(code, out.toString(), err.toString());
    }

    private static Path prompts(Path dir, int count) throws Exception {
        Path prompts = dir.resolve("prompts.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add("Give me fact number " + i + " about the sea.");
        }
        Files.write(prompts, lines, StandardCharsets.UTF_8);
        return prompts;
    }

    /** The per-request records of a results file (not the header or the summaries). */
    private static List<JsonNode> requests(Path results) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            if ("request".equals(record.path("type").asText())) {
                records.add(record);
            }
        }
        return records;
    }
}
