package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report RESULTS --fail-if ... --junit FILE} gates a saved run through the same code as {@code run}. */
class ReportGateTest {
    private static final String[] FAST_SIM = {"--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup"};
    private static final Map<String, String> NO_STEP_SUMMARY = Map.of();

    @TempDir
    Path dir;

    private CliRun run(Path results, String... args) {
        List<String> all = new ArrayList<>(List.of("run", "prompts/sample.txt", "--out", results.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of(FAST_SIM));
        return CliRun.of(NO_STEP_SUMMARY, all.toArray(String[]::new));
    }

    private static CliRun report(Path results, String... args) {
        List<String> all = new ArrayList<>(List.of("report", results.toString(), "--format", "json"));
        all.addAll(List.of(args));
        return CliRun.of(NO_STEP_SUMMARY, all.toArray(String[]::new));
    }

    /** The threshold lines of stderr (the rest are the run's notices). */
    private static List<String> verdicts(CliRun run) {
        return run.err().lines().filter(l -> l.startsWith("threshold") || l.startsWith("all ")).toList();
    }

    @Test
    void aSavedRunGatesAsTheRunDidWithTheSameLinesExitCodeAndJUnit() throws Exception {
        Path results = dir.resolve("run.jsonl");
        String[] gates = {"--fail-if", "p95>0ms", "--fail-if", "error_rate>1%", "--fail-if", "speedup<0.01",
            "--fail-if", "/modes/parallel/tokens/completion<1", "--fail-if", "ttft_p95>1s"};
        List<String> runArgs = new ArrayList<>(List.of(gates));
        runArgs.addAll(List.of("--junit", dir.resolve("run.xml").toString(), "--format", "json"));
        CliRun ran = run(results, runArgs.toArray(String[]::new));
        assertEquals(3, ran.exitCode(), ran.err());

        List<String> reportArgs = new ArrayList<>(List.of(gates));
        reportArgs.addAll(List.of("--junit", dir.resolve("report.xml").toString()));
        CliRun reported = report(results, reportArgs.toArray(String[]::new));

        assertEquals(3, reported.exitCode(), reported.err());
        assertEquals(verdicts(ran), verdicts(reported));
        assertTrue(verdicts(reported).stream().anyMatch(l -> l.startsWith("threshold breached: parallel p95 ")),
                reported.err());
        assertTrue(verdicts(reported).contains("threshold failed: parallel ttft_p95: no value in this run "
                + "(streaming metrics need --stream)"), reported.err());
        assertEquals(Files.readString(dir.resolve("run.xml")), Files.readString(dir.resolve("report.xml")));
    }

    @Test
    void thresholdsThatHoldExitZeroAndABaselineComparesAsInARun() throws Exception {
        Path results = dir.resolve("run.jsonl");
        CliRun ran = run(results, "--format", "json");
        assertEquals(0, ran.exitCode(), ran.err());
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, ran.out());

        CliRun reported = report(results, "--fail-if", "p95>+50%", "--fail-if", "errors>0", "--baseline",
                baseline.toString());
        assertEquals(0, reported.exitCode(), reported.err());
        assertEquals(List.of("all 2 thresholds passed: p95>+50%, errors>0"), verdicts(reported));
    }

    @Test
    void withoutThresholdsRequestErrorsDoNotChangeTheExitCode() throws Exception {
        Path results = dir.resolve("run.jsonl");
        CliRun ran = run(results, "--mode", "parallel", "--sim-fault-rate", "0.5", "--sim-fault-kinds", "500",
                "--sim-seed", "1", "--retries", "0");
        assertEquals(1, ran.exitCode(), ran.err());
        assertEquals(0, report(results).exitCode());
        CliRun gated = report(results, "--fail-if", "error_rate>0%");
        assertEquals(3, gated.exitCode(), gated.err());
    }

    @Test
    void badGateFlagsAreOneUsageLine() throws Exception {
        Path results = dir.resolve("run.jsonl");
        assertEquals(0, run(results).exitCode());
        CliRun junitAlone = report(results, "--junit", dir.resolve("x.xml").toString());
        assertEquals(2, junitAlone.exitCode());
        assertEquals("promptbench: --junit writes one test case per --fail-if threshold: add at least one",
                junitAlone.err().strip());
        CliRun typo = report(results, "--fail-if", "/modes/parallel/latency_ms/p96>1");
        assertEquals(2, typo.exitCode(), typo.err());
        assertEquals(1, typo.err().strip().lines().count(), typo.err());
        assertTrue(typo.err().startsWith("promptbench: --fail-if '/modes/parallel/latency_ms/p96>1': "), typo.err());
    }

    /** A batch run has no latency per request: a latency gate on it fails saying so, not "no request succeeded". */
    @Test
    void aLatencyGateOnABatchRunSaysTheBatchApiTimesNoRequest() {
        CliRun reported = CliRun.of(NO_STEP_SUMMARY, "report", "src/test/resources/golden/side-by-side/batch.jsonl",
                "--fail-if", "p95>1s");
        assertEquals(3, reported.exitCode(), reported.err());
        assertTrue(reported.err().contains("threshold failed: batch p95: no value in this run (the Batch API times "
                + "no single request)"), reported.err());
    }
}
