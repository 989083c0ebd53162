package dev.promptbench.cli;

import dev.promptbench.app.RateControl;
import picocli.CommandLine.Option;

/** {@code run}'s rate-limit options: budgets per endpoint and adaptive concurrency. */
final class RateOptions {

    @Option(names = "--tpm", paramLabel = "N", order = 100,
            description = "Token budget per endpoint, per minute, charged as Azure does when it admits a request "
                    + "(prompt tokens + max tokens); requests are paced to it from an empty start, bursts of at "
                    + "most one second's worth. A profile endpoint's own tpm: wins (default: none).")
    Integer tpm;

    @Option(names = "--rpm", paramLabel = "N", order = 101,
            description = "Request budget per endpoint, per minute, paced the same way (default: none, or "
                    + "TPM × 6 / 1000 with --tpm, Azure's rule).")
    Integer rpm;

    @Option(names = "--adaptive", order = 102,
            description = "Adapt the requests in flight (1..--threads) to the service's signals: 429s halve it, "
                    + "x-ratelimit-remaining-* headroom grows or shrinks it. Changes what is measured, so off "
                    + "by default; every change goes to the results file.")
    boolean adaptive;

    /** The options as the run's rate control; a non-positive budget is a usage error. */
    RateControl control() {
        FlagCheck.atLeast("--tpm", tpm, 1);
        FlagCheck.atLeast("--rpm", rpm, 1);
        return new RateControl(rpm, tpm, adaptive);
    }
}
