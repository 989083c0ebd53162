package dev.promptbench.cli;

import dev.promptbench.sim.SimulatorSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The built-in simulator's knobs on {@code run} (used only when no endpoint is configured). */
final class SimulatorOptions {
    private static final SimulatorSettings DEFAULTS = SimulatorSettings.defaults();

    @Option(names = "--sim-ttft-median", paramLabel = "DURATION", converter = DurationConverter.class, order = 80,
            description = "Simulator: median time to first token (default 400ms).")
    Duration ttftMedian;

    @Option(names = "--sim-ttft-sigma", paramLabel = "S", order = 81,
            description = "Simulator: log-normal spread of that time; 0 gives a fixed latency (default 0.35).")
    Double ttftSigma;

    @Option(names = "--sim-tokens", paramLabel = "N", order = 82,
            description = "Simulator: median answer length in tokens (default 80).")
    Integer tokens;

    @Option(names = "--sim-token-delay", paramLabel = "DURATION", converter = DurationConverter.class, order = 83,
            description = "Simulator: time per further token (default 8ms).")
    Duration tokenDelay;

    @Option(names = "--sim-seed", paramLabel = "N", order = 84,
            description = "Simulator: seed of its latency and length draws (default 42).")
    Long seed;

    SimulatorSettings settings() {
        if (ttftSigma != null && ttftSigma < 0) throw new UsageException("--sim-ttft-sigma must be 0 or more");
        if (tokens != null && tokens < 1) throw new UsageException("--sim-tokens must be at least 1");
        return new SimulatorSettings(DEFAULTS.host(), 0,
                ttftMedian != null ? ttftMedian : DEFAULTS.ttftMedian(),
                ttftSigma != null ? ttftSigma : DEFAULTS.ttftSigma(),
                tokens != null ? tokens : DEFAULTS.tokensMedian(),
                tokenDelay != null ? tokenDelay : DEFAULTS.tokenDelay(),
                seed != null ? seed : DEFAULTS.seed());
    }
}
