package dev.promptbench.cli;

import dev.promptbench.app.RunSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The flags a resumed run takes from its results file's header: each recorded setting the command line
 * leaves out, as the arguments that give it, so {@code run p.txt --resume r.jsonl} finishes the run as it was
 * started. A flag the command line gives is not replaced: the resume check compares it with the header.
 */
final class ResumedFlags {
    /** Flags that together make up the recorded {@code --extra-body}: giving one of them gives the body. */
    private static final Set<String> EXTRA_BODY = Set.of("--extra-body", "--reasoning-effort", "--store");

    private ResumedFlags() {}

    /**
     * The arguments to add: for each recorded setting that is an option of this command and not on the command
     * line, the flag and its value (a switch alone when it was on). A setting recorded as not given, or as the
     * option's own default, adds nothing: the command line already says the same.
     */
    static List<String> missing(Map<String, String> recorded, CommandSpec command, ParseResult parsed) {
        List<String> args = new ArrayList<>();
        recorded.forEach((flag, value) -> {
            // Not findOption("endpoint"): picocli would take it for --endpoint.
            OptionSpec option = flag.startsWith("--") ? command.findOption(flag) : null;
            if (option == null || parsed.hasMatchedOption(flag) || value.equals(option.defaultValue())) return;
            if (flag.equals("--extra-body") && EXTRA_BODY.stream().anyMatch(parsed::hasMatchedOption)) return;
            if (option.arity().max() == 0) {
                if (value.equals("true")) args.add(flag);
            } else if (!value.equals(RunSettings.NONE)) {
                args.add(flag);
                args.add(value);
            }
        });
        return args;
    }

    /** This command's own arguments, without the command names before them ({@code promptbench run}). */
    static List<String> own(ParseResult parsed) {
        List<String> all = parsed.originalArgs();
        int at = all.indexOf(parsed.commandSpec().name());
        return new ArrayList<>(all.subList(at + 1, all.size()));
    }
}
