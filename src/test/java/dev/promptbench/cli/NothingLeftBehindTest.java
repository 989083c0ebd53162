package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run the canary stops before its first request writes no file beside "no results file was written": before,
 * a header-only --csv and an --answers file of prompts all not run were left, and the same command, run again
 * once the endpoint was fixed, was refused because they existed (hostile-newcomer finding).
 */
class NothingLeftBehindTest {
    @TempDir
    Path dir;

    @Test
    void aRunStoppedByTheCanaryLeavesNoCsvOrAnswersFile() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path prompts = Files.writeString(dir.resolve("p.txt"), "one\ntwo\n");
        Path csv = dir.resolve("requests.csv");
        Path answers = dir.resolve("answers.csv");

        CliRun run = CliRun.of(Map.of("AZURE_OPENAI_API_KEY", "k"), "run", prompts.toString(), "--endpoint",
                "http://127.0.0.1:" + closed, "--deployment", "x", "--csv", csv.toString(), "--answers",
                answers.toString(), "--out", dir.resolve("r.jsonl").toString(), "--no-warmup");

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("connection refused"), run.err());
        assertFalse(Files.exists(csv), "no header-only --csv file");
        assertFalse(Files.exists(answers), "no --answers file of prompts never sent");
    }

    /**
     * Only a file this run created is taken away: with --force the path may be anything the user named
     * (a file they keep, /dev/null), and removing it is never ours to do.
     */
    @Test
    void aForcedCsvIsNeverDeleted() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path prompts = Files.writeString(dir.resolve("p.txt"), "one\n");
        Path csv = Files.writeString(dir.resolve("kept.csv"), "old\n");

        CliRun run = CliRun.of(Map.of("AZURE_OPENAI_API_KEY", "k"), "run", prompts.toString(), "--endpoint",
                "http://127.0.0.1:" + closed, "--deployment", "x", "--csv", csv.toString(), "--force",
                "--out", dir.resolve("r.jsonl").toString(), "--no-warmup");

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(Files.exists(csv), "a path given with --force is not removed");
    }
}
