package dev.promptbench.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Flags the user gave that do nothing in the combination given ({@code --arrival} without {@code --rate},
 * {@code --sim-*} with a real endpoint): one warning line each, in the order they were typed, so a
 * setting that silently did not apply is never mistaken for one that did.
 */
final class IdleFlags {
    private final List<String> given;
    private final Map<String, String> idle = new HashMap<>();

    private IdleFlags(List<String> given) {
        this.given = given;
    }

    /** The flags typed on this command line (their longest names), in order. */
    static IdleFlags of(ParseResult parsed) {
        List<String> given = new ArrayList<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            if (!given.contains(option.longestName())) given.add(option.longestName());
        }
        return new IdleFlags(given);
    }

    /** When {@code condition} holds, each of {@code flags} that was given does nothing, for {@code why}. */
    IdleFlags when(boolean condition, String why, String... flags) {
        return when(condition, why, List.of(flags)::contains);
    }

    /** When {@code condition} holds, each given flag that {@code which} accepts does nothing, for {@code why}. */
    IdleFlags when(boolean condition, String why, Predicate<String> which) {
        if (!condition) return this;
        for (String flag : given) {
            if (which.test(flag)) idle.putIfAbsent(flag, why);
        }
        return this;
    }

    /** One line per idle flag, in the order given: "warning: --arrival does nothing without --rate". */
    List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (String flag : given) {
            if (idle.containsKey(flag)) lines.add("warning: " + flag + " does nothing " + idle.get(flag));
        }
        return lines;
    }
}
