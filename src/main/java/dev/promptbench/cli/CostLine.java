package dev.promptbench.cli;

import dev.promptbench.config.Price;
import dev.promptbench.report.RunReport;
import dev.promptbench.stats.ModeSummary;
import java.util.Locale;

/** What a finished run cost, from the tokens the service reported and the profile's prices. */
final class CostLine {
    private CostLine() {}

    static String of(RunReport report, Price price) {
        long prompt = 0;
        long completion = 0;
        for (var mode : report.modes().values()) {
            for (ModeSummary repeat : mode.repeats()) {
                if (repeat.tokens().prompt() != null) prompt += repeat.tokens().prompt();
                if (repeat.tokens().completion() != null) completion += repeat.tokens().completion();
            }
        }
        return String.format(Locale.ROOT, "cost: %.4f (%d prompt tokens at %s and %d completion tokens at %s per "
                + "million, as the service reported them; warm-up and canary not included)",
                price.cost(prompt, completion), prompt, plain(price.inputPer1m()), completion,
                plain(price.outputPer1m()));
    }

    private static String plain(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
