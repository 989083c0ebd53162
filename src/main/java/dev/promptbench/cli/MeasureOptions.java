package dev.promptbench.cli;

import dev.promptbench.app.RunMode;
import dev.promptbench.run.Arrival;
import picocli.CommandLine.Option;

/** How the measurement is repeated and paced: repeats, warm-up requests, an open-loop rate. */
final class MeasureOptions {
    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1", order = 50,
            description = "Run each mode K times and report the median with its spread: min–max below 5 repeats, "
                    + "the interquartile range from 5 on (default: ${DEFAULT-VALUE}).")
    int repeats = 1;

    @Option(names = "--warmup-requests", paramLabel = "K", defaultValue = "0", order = 51,
            description = "Send the first K prompts as real, unmeasured requests first; their records carry "
                    + "\"warmup\": true (default: ${DEFAULT-VALUE}).")
    int warmupRequests;

    @Option(names = "--rate", paramLabel = "R", order = 52,
            description = "Open loop: send R requests per second whatever the service does (with --mode parallel; "
                    + "--threads caps requests in flight). Latency then counts from each scheduled send time.")
    Double rate;

    @Option(names = "--arrival", paramLabel = "KIND", defaultValue = "poisson", order = 53,
            converter = WireNameConverter.ArrivalKind.class,
            description = "With --rate: poisson, constant or gamma (default: ${DEFAULT-VALUE}).")
    Arrival.Kind arrival = Arrival.Kind.POISSON;

    @Option(names = "--burstiness", paramLabel = "B", defaultValue = "1", order = 54,
            description = "With --arrival gamma: below 1 burstier, above 1 smoother; 1 is Poisson (default: ${DEFAULT-VALUE}).")
    double burstiness = 1;

    @Option(names = "--arrival-seed", paramLabel = "N", defaultValue = "1", order = 55,
            description = "Seed of the arrival schedule (default: ${DEFAULT-VALUE}).")
    long arrivalSeed = 1;

    void validate(RunMode mode) {
        FlagCheck.between("--repeat", repeats, 1, 1000);
        FlagCheck.atLeast("--warmup-requests", warmupRequests, 0);
        if (rate != null) {
            FlagCheck.above("--rate", rate, 0);
            if (mode != RunMode.PARALLEL) {
                throw new UsageException("--rate needs --mode parallel (an open-loop rate has no sequential leg)");
            }
        }
        FlagCheck.above("--burstiness", burstiness, 0);
    }

    /** The open-loop arrival process, or null for closed-loop runs. */
    Arrival arrival() {
        return rate == null ? null : new Arrival(arrival, rate, burstiness, arrivalSeed);
    }
}
