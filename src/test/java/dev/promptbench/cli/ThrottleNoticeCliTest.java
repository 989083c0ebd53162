package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notices a run prints about its 429s name their cause, as the ThrottleClassifier told it. */
class ThrottleNoticeCliTest {
    @TempDir
    Path dir;

    @Test
    void theModesNoticeNamesTheCausesOf429sAndWhatToDoAboutThem() throws Exception {
        // Every request meets a token-rate 429 whose Retry-After is longer than --max-wait: none is retried.
        CliRun run = CliRun.of("run", "prompts/sample.txt", "--mode", "parallel", "--threads", "2",
                "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup", "--no-canary",
                "--sim-429-cause", "tokens:1", "--max-wait", "0s", "--out", dir.resolve("r.jsonl").toString());

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("4 requests were answered 429 (4 times: 4 token_rate): token_rate: pace tokens:"),
                run.err());
    }
}
