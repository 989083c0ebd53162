package dev.promptbench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** {@code run --fail-if ...} end to end, in-process, against the built-in simulator at zero latency. */
class GateCommandTest {
    private static final String[] FAST_SIM = {"--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup"};

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("run", "prompts/sample.txt", "--out",
                dir.resolve("run-" + System.nanoTime() + ".jsonl").toString()));
        all.addAll(List.of(args));
        all.addAll(List.of(FAST_SIM));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void aBreachedThresholdExitsThreeAndSaysWhich() {
        Run run = run("--fail-if", "p95>1ms");
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("threshold breached: parallel p95 ")
                && l.endsWith(" > 1 ms")), run.err());
    }

    @Test
    void thresholdsThatHoldExitZero() {
        Run run = run("--fail-if", "error_rate>1%", "--fail-if", "sequential.p99>60s");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("all 2 thresholds passed: error_rate>1%, sequential.p99>60s"), run.err());
    }

    @Test
    void anUnknownMetricIsAUsageErrorBeforeAnythingIsSent() {
        Run run = run("--fail-if", "nonsense>1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("promptbench: --fail-if 'nonsense>1': unknown metric 'nonsense'"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void withThresholdsRequestErrorsCountOnlyThroughThem() {
        // Seeded faults: the canary passes at once and 3 of the 4 parallel requests fail (no retries).
        String[] someFail = {"--mode", "parallel", "--sim-fault-rate", "0.5", "--sim-fault-kinds", "500",
            "--sim-seed", "1", "--retries", "0"};
        assertEquals(1, run(someFail).exitCode());
        List<String> gated = new ArrayList<>(List.of(someFail));
        gated.addAll(List.of("--fail-if", "wall>60s"));
        Run lenient = run(gated.toArray(String[]::new));
        assertEquals(0, lenient.exitCode(), lenient.err());
        gated.addAll(List.of("--fail-if", "error_rate>0%"));
        Run strict = run(gated.toArray(String[]::new));
        assertEquals(3, strict.exitCode(), strict.err());
        assertTrue(strict.err().lines().anyMatch(l -> l.startsWith("threshold breached: parallel error_rate ")
                && l.endsWith("% > 0%")), strict.err());
    }

    @Test
    void writesJUnitAndAppendsTheStepSummary() throws Exception {
        Path junit = Files.createDirectory(dir.resolve("out")).resolve("junit.xml");
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "earlier step\n", StandardCharsets.UTF_8);
        Run run = run(Map.of("GITHUB_STEP_SUMMARY", summary.toString()),
                "--fail-if", "p95>1ms", "--fail-if", "error_rate>1%", "--junit", junit.toString(), "--format", "json");
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.out().strip().startsWith("{") && run.out().strip().endsWith("}"), run.out());

        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile())
                .getDocumentElement();
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));

        String markdown = Files.readString(summary, StandardCharsets.UTF_8);
        assertTrue(markdown.startsWith("earlier step\n"), markdown);
        assertTrue(markdown.contains("### promptbench: sequential vs parallel"), markdown);
        assertTrue(markdown.contains("| mode | wall |"), markdown);
        assertTrue(markdown.contains("| ❌ | `p95>1ms` |"), markdown);
        assertTrue(markdown.contains("| ✅ | `error_rate>1%` |"), markdown);
        assertTrue(markdown.contains("parallel"), markdown);
    }

    @Test
    void noStepSummaryLeavesTheFileAlone() throws Exception {
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "untouched", StandardCharsets.UTF_8);
        Run run = run(Map.of("GITHUB_STEP_SUMMARY", summary.toString()), "--no-step-summary");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("untouched", Files.readString(summary, StandardCharsets.UTF_8));
    }

    @Test
    void relativeThresholdsCompareWithASavedRun() throws Exception {
        Run saved = run("--format", "json");
        assertEquals(0, saved.exitCode(), saved.err());
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, saved.out(), StandardCharsets.UTF_8);

        Run lenient = run("--baseline", baseline.toString(), "--fail-if", "p95>+100000%");
        assertEquals(0, lenient.exitCode(), lenient.err());
        Run strict = run("--baseline", baseline.toString(), "--fail-if", "p95>-100%");
        assertEquals(3, strict.exitCode(), strict.err());
        assertTrue(strict.err().contains("(baseline "), strict.err());

        Run mismatch = run("--baseline", baseline.toString(), "--fail-if", "p95>+20%", "--max-tokens", "50");
        assertEquals(2, mismatch.exitCode(), mismatch.err());
        assertTrue(mismatch.err().contains("config.max_tokens (baseline none, this run 50)"), mismatch.err());
        Run allowed = run("--baseline", baseline.toString(), "--fail-if", "p95>+100000%", "--max-tokens", "50",
                "--allow-baseline-mismatch");
        assertEquals(0, allowed.exitCode(), allowed.err());
        assertTrue(allowed.err().contains("warning: baseline "), allowed.err());
    }

    @Test
    void badBaselinesAndLoneOptionsAreUsageErrors() throws Exception {
        assertEquals(2, run("--fail-if", "p95>+20%").exitCode());
        assertEquals(2, run("--baseline", dir.resolve("missing.json").toString(), "--fail-if", "p95>+20%").exitCode());
        assertEquals(2, run("--allow-baseline-mismatch").exitCode());
        assertEquals(2, run("--junit", dir.resolve("j.xml").toString()).exitCode());
        Run dirJunit = run("--fail-if", "p95>1s", "--junit", dir.toString());
        assertEquals(2, dirJunit.exitCode());
        assertFalse(dirJunit.err().contains("Exception"), dirJunit.err());
    }

    @Test
    void theGrammarIsInTheHelp() {
        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"run", "--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), Map.of());
        assertEquals(0, code);
        assertTrue(out.toString().contains("error_rate>1%"), out.toString());
        assertTrue(out.toString().contains("/modes/parallel/latency_ms/p99"), out.toString());
        assertFalse(out.toString().contains("%%"), out.toString());
    }
}
