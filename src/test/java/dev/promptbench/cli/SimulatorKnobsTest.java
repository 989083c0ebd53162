package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulator's knobs are declared once and reach every command that starts a simulator, by the same names. */
class SimulatorKnobsTest {
    private static final Pattern OPTION = Pattern.compile("(?m)^\\s+(--[a-z0-9.-]+)");

    private static List<String> options(String... command) {
        CliRun help = CliRun.of(command);
        assertEquals(0, help.exitCode(), help.err());
        Matcher m = OPTION.matcher(help.out());
        return m.results().map(r -> r.group(1)).distinct().collect(Collectors.toList());
    }

    @Test
    void simulateTakesAsNameWhatRunSweepAndBatchRunTakeAsSimName() {
        List<String> simulate = options("simulate", "--help");
        assertTrue(simulate.contains("--ttft-median"), simulate.toString());
        assertTrue(simulate.contains("--tier-downgrade"), simulate.toString());
        assertFalse(simulate.contains("--sim-ttft-median"), simulate.toString());
        for (String[] command : List.of(new String[] {"run", "--help"}, new String[] {"sweep", "--help"},
                new String[] {"batch", "run", "--help"})) {
            List<String> options = options(command);
            for (String knob : List.of("--ttft-median", "--ttft-sigma", "--tokens", "--token-delay",
                    "--tokens-per-chunk", "--stall", "--seed", "--fault-rate", "--fault-kinds", "--rpm", "--tpm",
                    "--time-scale", "--token-counting", "--rate-limit-headers", "--429-cause", "--reasoning-tokens",
                    "--no-prompt-cache", "--tier-downgrade")) {
                assertTrue(simulate.contains(knob), knob);
                assertTrue(options.contains("--sim-" + knob.substring(2)), command[0] + " lacks --sim-" + knob);
            }
        }
    }

    @Test
    void aBadKnobIsOneLineNamingItInEitherSpelling() {
        CliRun simulate = CliRun.of("simulate", "--port", "0", "--ttft-sigma", "-1");
        assertEquals(2, simulate.exitCode());
        assertTrue(simulate.err().startsWith("promptbench: --ttft-sigma must be 0 or more (got -1.0)"), simulate.err());
        CliRun run = CliRun.of("run", "prompts/sample.txt", "--dry-run", "--sim-ttft-sigma", "-1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("promptbench: --sim-ttft-sigma must be 0 or more (got -1.0)"), run.err());
    }
}
