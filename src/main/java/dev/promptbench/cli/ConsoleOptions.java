package dev.promptbench.cli;

import dev.promptbench.clock.Ticker;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a command talks to the person at the terminal (a picocli mixin): quiet or verbose, and whether it
 * may go ahead without asking before it sends many requests to a paid endpoint.
 */
final class ConsoleOptions {
    @Option(names = "--yes", description = "Do not ask before sending many requests to a paid endpoint.")
    boolean yes;

    @Option(names = {"-v", "--verbose"}, description = "Say where each setting came from (secrets as ***).")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only results and errors: no notices on stderr.")
    boolean quiet;

    Notices notices(PrintWriter err) {
        return new Notices(err, quiet);
    }

    /** The live progress line, when stderr is a terminal and nobody asked for plain output; else null. */
    ProgressLine progress(Map<String, String> env, PrintWriter err, Ticker ticker) {
        return Terminal.progressAllowed(env, quiet) ? new ProgressLine(err, Terminal.columns(env), ticker) : null;
    }

    /**
     * Asks before {@code what} (many paid requests) unless --yes was given: on a terminal y/N, elsewhere a
     * usage error that says how to confirm ({@code hint}).
     */
    void confirm(String what, String hint, Notices notices) {
        if (yes) return;
        java.io.Console console = System.console();
        if (console == null) throw new UsageException(what + ": " + hint);
        notices.say(what + ".");
        String answer = console.readLine("Continue? [y/N] ");
        if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
            throw new UsageException("not confirmed; nothing was sent");
        }
    }
}
