package dev.promptbench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitHub job summary section: appended to the file the environment names, never overwriting it. */
class StepSummaryTest {
    private static final String RUN_TABLE = "| mode | p95 |\n|---|---|\n| parallel | 756 ms |";

    @TempDir
    Path dir;

    private static List<Verdict> verdicts() {
        return Thresholds.parse(List.of("p95>2s", "ttft_p95>1s"), false).evaluate(Documents.run(Documents.parallelOnly()), null);
    }

    @Test
    void withoutTheVariableNothingIsWritten() throws Exception {
        assertEquals(Optional.empty(), new StepSummary(Map.of()).append("promptbench", verdicts(), RUN_TABLE));
        assertEquals(Optional.empty(), new StepSummary(Map.of(StepSummary.VARIABLE, " ")).file());
    }

    @Test
    void appendsAfterWhatOtherStepsWrote() throws Exception {
        Path file = dir.resolve("step_summary.md");
        Files.writeString(file, "## Build\nok", StandardCharsets.UTF_8);
        StepSummary summary = new StepSummary(Map.of(StepSummary.VARIABLE, file.toString()));

        assertEquals(Optional.of(file), summary.append("promptbench · 4 prompts", verdicts(), RUN_TABLE));
        summary.append("second run", List.of(), RUN_TABLE);

        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(written.startsWith("## Build\nok\n\n### promptbench · 4 prompts\n"), written);
        assertTrue(written.contains("**❌ 1 of 2 thresholds failed**"), written);
        assertTrue(written.contains(RUN_TABLE), written);
        assertTrue(written.contains("| ✅ | `p95>2s` | parallel p95 756.223 ms (fails when \\> 2 s) |"), written);
        assertTrue(written.contains("| ❌ | `ttft_p95>1s` | parallel ttft\\_p95: no value in this run"), written);
        assertTrue(written.contains("--stream) |\n\n### second run\n"), written);
        assertEquals(2, written.split("\\| mode \\| p95 \\|", -1).length - 1, written);
    }

    @Test
    void createsTheFileWhenItDoesNotExistYet() throws Exception {
        Path file = dir.resolve("fresh.md");
        new StepSummary(Map.of(StepSummary.VARIABLE, file.toString())).append("t", List.of(), RUN_TABLE);
        assertTrue(Files.readString(file).startsWith("### t\n\n| mode"));
    }

    @Test
    void allPassedSaysSoAndCellsCannotBreakTheTable() {
        Verdict odd = new Verdict("/a|b>1", "/a|b", 0.0, 1.0, true, "a|b <x> & c\nd");
        String md = StepSummary.markdown("run", List.of(odd), null);
        assertTrue(md.contains("**✅ the threshold passed**"), md);
        assertTrue(md.contains("| ✅ | `/a\\|b>1` | a\\|b \\<x\\> \\& c d |"), md);
        assertFalse(md.contains("null"), md);
        assertEquals("### its own heading\n\n| a |\n", StepSummary.markdown(null, List.of(), "### its own heading\n\n| a |\n\n"));
    }
}
