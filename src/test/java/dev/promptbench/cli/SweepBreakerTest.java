package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep has the circuit breaker a run has (issue 12 A2): an endpoint that stops answering every worker stops
 * the sweep with exit 4, one line, and a breaker record, instead of paying attempts × requests × steps.
 */
class SweepBreakerTest {
    @TempDir
    Path dir;

    @Test
    void aDeadEndpointTripsTheBreakerAndStopsTheSweep() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there now
        }
        Path out = dir.resolve("sweep.jsonl");
        CliRun run = CliRun.of(Map.of("OPENAI_API_KEY", "k"), "sweep", "prompts/sample.txt", "--threads", "1,2,4",
                "--min-requests", "40", "--endpoint", "http://127.0.0.1:" + port + "/v1", "--provider", "openai",
                "--model", "m", "--no-canary", "--retries", "0", "--breaker", "3", "--yes", "--out", out.toString());

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("the endpoint stopped answering"), run.err());
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out)) records.add(new ObjectMapper().readTree(line));
        assertEquals(1, records.stream().filter(r -> r.path("type").asText().equals("breaker")).count(),
                "one breaker record");
        long sent = records.stream().filter(r -> r.path("type").asText().equals("request")
                && !r.path("status").asText().equals("not_run")).count();
        assertTrue(sent < 40, "the breaker stopped the first step early: " + sent + " requests sent");
        assertTrue(records.stream().noneMatch(r -> r.path("type").asText().equals("sweep_step")
                && r.path("threads").asInt() == 4), "no later step ran");
    }

    /** A breaker stop is reported as a Ctrl-C is: the step it cut is partial and out of the knee, the rest not run. */
    @Test
    void theBreakerStopIsRecordedWithTheCutStepPartialAndTheRestNotRun() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> args = List.of("sweep", "prompts/sample.txt", "--threads", "1,2,4", "--min-requests", "40",
                "--endpoint", "http://127.0.0.1:" + port + "/v1", "--provider", "openai", "--model", "m",
                "--no-canary", "--retries", "0", "--breaker", "3", "--yes");
        List<String> json = new ArrayList<>(args);
        json.addAll(List.of("--format", "json", "--out", dir.resolve("json.jsonl").toString()));
        CliRun run = CliRun.of(Map.of("OPENAI_API_KEY", "k"), json.toArray(String[]::new));
        assertEquals(4, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(1, doc.path("steps").size(), run.out());
        assertTrue(doc.path("steps").get(0).path("partial").asBoolean(), run.out());
        assertEquals("[2,4]", doc.path("not_run").toString());
        assertTrue(doc.path("stopped").asText().contains("the endpoint stopped answering"), run.out());
        assertTrue(doc.path("knee").path("threads").isNull(), run.out());

        List<String> table = new ArrayList<>(args);
        table.addAll(List.of("--out", dir.resolve("table.jsonl").toString()));
        CliRun shown = CliRun.of(Map.of("OPENAI_API_KEY", "k"), table.toArray(String[]::new));
        assertTrue(shown.out().contains("1 thread: partial, "), shown.out());
        assertTrue(shown.out().contains("not run: 2, 4 threads — the endpoint stopped answering"), shown.out());
        assertFalse(run.err().contains("estimated time left"), run.err());
    }
}
