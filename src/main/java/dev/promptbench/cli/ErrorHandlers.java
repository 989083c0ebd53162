package dev.promptbench.cli;

import dev.promptbench.app.OutputFileException;
import dev.promptbench.config.ConfigException;
import dev.promptbench.prompt.PromptFileException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** Turns every failure into one line on stderr and an exit code: never a stack trace for bad input. */
final class ErrorHandlers {
    private ErrorHandlers() {}

    /** Unknown options, bad values: one line, a hint, exit 2. */
    static final class BadUsage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cli = ex.getCommandLine();
            PrintWriter err = cli.getErr();
            err.println("promptbench: " + message(ex));
            String command = cli.getCommandSpec().qualifiedName();
            err.println("Try '" + command + " --help' for the options.");
            return ExitCode.USAGE;
        }

        /**
         * picocli's message, or for an unknown option the option alone (its value is not a second unknown
         * option), why the command does not take it when a sibling does ({@code sweep --mode}), or the
         * nearest real one.
         */
        private static String message(CommandLine.ParameterException ex) {
            if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()
                    || !unmatched.getUnmatched().get(0).startsWith("-")) {
                return ex.getMessage();
            }
            CommandLine cli = ex.getCommandLine();
            String typed = unmatched.getUnmatched().get(0);
            String option = typed.indexOf('=') > 0 ? typed.substring(0, typed.indexOf('=')) : typed;
            if (cli.getCommand() instanceof NotTaken command && command.notTaken().containsKey(option)) {
                return cli.getCommandName() + " does not take " + option + ": " + command.notTaken().get(option);
            }
            List<String> names = new ArrayList<>();
            for (OptionSpec spec : cli.getCommandSpec().options()) {
                if (!spec.hidden()) names.addAll(List.of(spec.names()));
            }
            String nearest = NearestOption.among(option, names);
            return "Unknown option: '" + option + "'" + (nearest == null ? "" : ": did you mean " + nearest + "?");
        }
    }

    /** A command that does not take some options of a sibling command, and says why (sweep: run's --mode, ...). */
    interface NotTaken {
        /** Each option not taken, with the reason, as the end of "sweep does not take --mode: REASON". */
        Map<String, String> notTaken();
    }

    /** Problems found while running: usage and input errors exit 2, anything else is a bug (exit 5). */
    static final class Failure implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
            PrintWriter err = cli.getErr();
            if (ex instanceof UsageException || ex instanceof PromptFileException || ex instanceof ConfigException
                    || ex instanceof OutputFileException) {
                err.println("promptbench: " + ex.getMessage());
                return ExitCode.USAGE;
            }
            err.println("promptbench: internal error: " + ex);
            if (System.getenv("PROMPTBENCH_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set PROMPTBENCH_DEBUG=1 for the stack trace; please report it)");
            }
            return ExitCode.INTERNAL;
        }
    }
}
