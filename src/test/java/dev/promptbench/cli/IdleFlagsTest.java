package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A flag that does nothing in the combination given gets one warning line naming it. */
class IdleFlagsTest {
    private static final Map<String, String> REAL = Map.of("OPENAI_API_KEY", "k");
    private static final String[] REAL_ENDPOINT = {"--endpoint", "http://127.0.0.1:9/v1", "--model", "m"};

    private static List<String> warnings(Map<String, String> env, String... flags) {
        List<String> args = new ArrayList<>(List.of("run", "prompts/sample.txt", "--dry-run"));
        args.addAll(List.of(flags));
        CliRun run = CliRun.of(env, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run.err().lines().filter(l -> l.startsWith("warning:")).toList();
    }

    private static List<String> warnings(String... flags) {
        return warnings(Map.of(), flags);
    }

    @Test
    void noWarningWhenEveryFlagCounts() {
        assertEquals(List.of(), warnings());
        assertEquals(List.of(), warnings("--mode", "parallel", "--rate", "5", "--arrival", "gamma", "--burstiness",
                "0.5", "--arrival-seed", "3", "--sim-ttft-median", "10ms", "--threads", "8"));
        assertEquals(List.of(), warnings(REAL, REAL_ENDPOINT));
    }

    @Test
    void arrivalFlagsWithoutARate() {
        assertEquals(List.of("warning: --arrival does nothing without --rate"), warnings("--arrival", "constant"));
        assertEquals(List.of("warning: --burstiness does nothing without --rate",
                "warning: --arrival-seed does nothing without --rate"),
                warnings("--burstiness", "0.5", "--arrival-seed", "3"));
        assertEquals(List.of("warning: --burstiness does nothing without --arrival gamma"),
                warnings("--mode", "parallel", "--rate", "5", "--burstiness", "0.5"));
    }

    @Test
    void simulatorFlagsWithARealEndpoint() {
        List<String> args = new ArrayList<>(List.of(REAL_ENDPOINT));
        args.addAll(List.of("--sim-ttft-median", "10ms", "--sim-fault-rate", "0.1"));
        assertEquals(List.of(
                "warning: --sim-ttft-median does nothing with a real endpoint (the built-in simulator is not started)",
                "warning: --sim-fault-rate does nothing with a real endpoint (the built-in simulator is not started)"),
                warnings(REAL, args.toArray(String[]::new)));
    }

    @Test
    void flagsOfAModeThatDoesNotRun() {
        assertEquals(List.of("warning: --order does nothing without --mode compare"),
                warnings("--mode", "parallel", "--order", "par-first"));
        assertEquals(List.of("warning: --threads does nothing with --mode sequential"),
                warnings("--mode", "sequential", "--threads", "8"));
        assertEquals(List.of("warning: --stream-idle-timeout does nothing without --stream"),
                warnings("--stream-idle-timeout", "5s"));
    }

    @Test
    void outputsOfADryRun() {
        assertEquals(List.of("warning: --csv does nothing with --dry-run (nothing is sent or written)",
                "warning: --show-answers does nothing with --dry-run (nothing is sent or written)"),
                warnings("--csv", "x.csv", "--show-answers"));
    }
}
