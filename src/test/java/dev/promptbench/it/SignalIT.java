package dev.promptbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM against the packaged jar in a child process: the run stops, every prompt has
 * exactly one record, a summary is written, and the exit code says which signal it was.
 */
@DisabledOnOs(OS.WINDOWS)
class SignalIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROMPTS = 60;

    @TempDir
    Path dir;

    private Process start(Path results, String ttft, String... extra) throws IOException {
        Path prompts = dir.resolve("p.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < PROMPTS; i++) text.append("prompt number ").append(i).append('\n');
        Files.writeString(prompts, text);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("promptbench.jar"), "run", prompts.toString(), "--mode", "sequential",
                "--sim-ttft-median", ttft, "--sim-ttft-sigma", "0", "--sim-token-delay", "0ms",
                "--no-warmup", "--out", results.toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile()).start();
    }

    /** Waits until the results file holds at least one request record (the run is under way). */
    private static void awaitFirstRecord(Path results, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(results) && Files.readString(results).contains("\"type\":\"request\"")) return;
            Thread.sleep(20);
        }
        throw new AssertionError("no request record appeared");
    }

    private static void signal(Process process, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        assertEquals(0, kill.waitFor());
    }

    private static List<JsonNode> records(Path results) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) records.add(JSON.readTree(line));
        return records;
    }

    private void assertEveryPromptAccountedFor(Path results) throws IOException {
        List<JsonNode> records = records(results);
        List<JsonNode> requests = records.stream().filter(r -> r.path("type").asText().equals("request")).toList();
        assertEquals(PROMPTS, requests.size());
        assertEquals(PROMPTS, requests.stream().map(r -> r.path("index").asInt()).distinct().count());
        assertTrue(requests.stream().anyMatch(r -> r.path("status").asText().equals("not_run")));
        assertTrue(requests.stream().anyMatch(r -> r.path("status").asText().equals("ok")));
        assertEquals("summary", records.get(records.size() - 1).path("type").asText());
    }

    @Test
    void ctrlCStopsWritesEveryRecordAndExits130() throws Exception {
        Path results = dir.resolve("int.jsonl");
        Process process = start(results, "150ms");
        awaitFirstRecord(results, process);
        signal(process, "INT");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, process.exitValue(), Files.readString(dir.resolve("output.txt")));
        assertEveryPromptAccountedFor(results);
    }

    @Test
    void sigtermStopsTheSameWayAndExits143() throws Exception {
        Path results = dir.resolve("term.jsonl");
        Process process = start(results, "150ms");
        awaitFirstRecord(results, process);
        signal(process, "TERM");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue(), Files.readString(dir.resolve("output.txt")));
        assertEveryPromptAccountedFor(results);
    }

    @Test
    void aSecondCtrlCQuitsAtOnceLeavingWholeLines() throws Exception {
        Path results = dir.resolve("twice.jsonl");
        // A long answer and a long grace: only the second signal can end this quickly.
        Process process = start(results, "30s", "--grace", "10m");
        // The first line is printed once the signal handlers are in place, before the (30 s) canary.
        Path output = dir.resolve("output.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(output).contains("promptbench") && System.nanoTime() < deadline) Thread.sleep(20);
        long signalled = System.nanoTime();
        signal(process, "INT");
        signal(process, "INT");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the second Ctrl-C ends the process");
        assertEquals(130, process.exitValue());
        assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(25),
                "it did not wait for the 30 s answer or the 10 m grace");
        if (Files.exists(results)) {
            for (JsonNode record : records(results)) assertTrue(record.has("type"));
        }
    }
}
