package dev.promptbench.cli;

import dev.promptbench.app.OutputFileException;
import dev.promptbench.config.ConfigException;
import dev.promptbench.prompt.PromptFileException;
import java.io.PrintWriter;
import picocli.CommandLine;
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
         * picocli's message, or for a misspelt option the option alone and the nearest real one: "--thread 4"
         * would otherwise list the 4 as a second unknown option and suggest nothing.
         */
        private static String message(CommandLine.ParameterException ex) {
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
                    && !unmatched.getUnmatched().isEmpty() && unmatched.getUnmatched().get(0).startsWith("-")
                    && !unmatched.getSuggestions().isEmpty()) {
                String option = unmatched.getUnmatched().get(0);
                int equals = option.indexOf('=');
                return "Unknown option: '" + (equals > 0 ? option.substring(0, equals) : option) + "': did you mean "
                        + unmatched.getSuggestions().get(0) + "?";
            }
            return ex.getMessage();
        }
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
