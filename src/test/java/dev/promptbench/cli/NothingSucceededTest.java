package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mode with no successful request has no speedup and no efficiency: JSON null, table "-" (issue 12 B7). */
class NothingSucceededTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun failingRun(String format) throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "one\ntwo\nthree\nfour\n");
        return CliRun.of("run", prompts.toString(), "--threads", "2", "--out", dir.resolve(format + ".jsonl").toString(),
                "--format", format, "--sim-fault-rate", "1", "--sim-fault-kinds", "500", "--retries", "0",
                "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup");
    }

    @Test
    void jsonHasNoSpeedupAndNoEfficiency() throws Exception {
        CliRun run = failingRun("json");
        assertEquals(1, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals(0, json.path("modes").path("parallel").path("ok").asInt());
        assertTrue(json.has("speedup") && json.get("speedup").isNull(), json.toString());
        JsonNode parallel = json.path("modes").path("parallel");
        assertTrue(parallel.has("efficiency") && parallel.get("efficiency").isNull(), parallel.toString());
    }

    @Test
    void theTableSaysWhyAndShowsNoFigure() throws Exception {
        CliRun run = failingRun("table");
        assertEquals(1, run.exitCode(), run.err());
        assertFalse(run.out().matches("(?s).*speedup \\d.*"), run.out());
        assertTrue(run.out().contains("speedup not shown: no request of sequential or parallel succeeded"), run.out());
        assertTrue(run.out().contains("parallel efficiency - of ideal"), run.out());
    }
}
