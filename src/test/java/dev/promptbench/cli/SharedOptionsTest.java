package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** run and sweep share their options through one set of mixins: sweep takes every run option that fits it. */
class SharedOptionsTest {
    /** What only a run has, and why a sweep does not. */
    private static final Map<String, String> RUN_ONLY = Map.ofEntries(
            Map.entry("--mode", "a sweep runs the parallel mode"),
            Map.entry("--order", "a sweep runs the parallel mode"),
            Map.entry("--dry-run", "not yet for a sweep"),
            Map.entry("--show-answers", "a sweep cycles the prompts"),
            Map.entry("--answers", "a sweep cycles the prompts: no one answer per prompt"),
            Map.entry("--resume", "a sweep is not resumed"),
            Map.entry("--warmup-requests", "each step is measured whole"),
            Map.entry("--rate", "a sweep steps concurrency, not an arrival rate"),
            Map.entry("--arrival", "with --rate only"),
            Map.entry("--burstiness", "with --rate only"),
            Map.entry("--arrival-seed", "with --rate only"),
            Map.entry("--fail-if", "thresholds read a run's report"),
            Map.entry("--baseline", "thresholds read a run's report"),
            Map.entry("--allow-baseline-mismatch", "thresholds read a run's report"),
            Map.entry("--junit", "thresholds read a run's report"),
            Map.entry("--no-step-summary", "thresholds read a run's report"));

    @TempDir
    Path dir;

    private static Set<String> options(CommandLine command) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : command.getCommandSpec().options()) names.add(option.longestName());
        return names;
    }

    @Test
    void sweepTakesEveryRunOptionThatFitsIt() {
        CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of());
        Set<String> run = options(cli.getSubcommands().get("run"));
        Set<String> sweep = options(cli.getSubcommands().get("sweep"));
        Set<String> missing = new TreeSet<>(run);
        missing.removeAll(sweep);
        missing.removeAll(RUN_ONLY.keySet());
        assertEquals(Set.of(), missing, "run options a sweep lacks");
        assertTrue(sweep.containsAll(Set.of("--connect-timeout", "--stream-idle-timeout", "--tpm", "--rpm", "--csv",
                "--verbose", "--template", "--canary-timeout", "--breaker")), sweep.toString());
    }

    @Test
    void aSweepKeepsToABudget() {
        CliRun run = CliRun.of("sweep", "prompts/sample.txt", "--threads", "1,2", "--min-requests", "4",
                "--sim-ttft-median", "0ms", "--sim-token-delay", "0ms", "--no-warmup", "--rpm", "60000",
                "--connect-timeout", "2s", "--out", dir.resolve("s.jsonl").toString(), "--csv",
                dir.resolve("s.csv").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("budget: 60000 RPM"), run.err());
        assertTrue(dir.resolve("s.csv").toFile().length() > 0);
    }

    @Test
    void aSweepRefusesAdaptiveConcurrency() {
        CliRun run = CliRun.of("sweep", "prompts/sample.txt", "--adaptive");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--adaptive"), run.err());
    }
}
