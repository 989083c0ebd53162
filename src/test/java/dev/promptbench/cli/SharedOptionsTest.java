package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        missing.removeAll(notTaken().keySet());
        assertEquals(Set.of(), missing, "run options a sweep lacks");
        assertTrue(sweep.containsAll(Set.of("--connect-timeout", "--stream-idle-timeout", "--tpm", "--rpm", "--csv",
                "--verbose", "--template", "--canary-timeout", "--breaker")), sweep.toString());
    }

    private static Map<String, String> notTaken() {
        return new SweepCommand(Map.of(), java.time.Clock.systemUTC()).notTaken();
    }

    @Test
    void everyRunOptionASweepDoesNotTakeIsRefusedInOneLineThatSaysWhy() {
        for (Map.Entry<String, String> option : notTaken().entrySet()) {
            CliRun run = CliRun.of("sweep", "prompts/sample.txt", option.getKey() + "=1");
            assertEquals(2, run.exitCode(), run.err());
            assertEquals("promptbench: sweep does not take " + option.getKey() + ": " + option.getValue(),
                    run.err().lines().findFirst().orElse(""), run.err());
        }
    }

    @Test
    void sweepHelpMentionsNoOptionItDoesNotTake() {
        CliRun help = CliRun.of("sweep", "--help");
        for (String option : notTaken().keySet()) {
            assertFalse(help.out().contains(option + " ") || help.out().contains(option + ")")
                    || help.out().contains(option + ","), option + " in:\n" + help.out());
        }
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
