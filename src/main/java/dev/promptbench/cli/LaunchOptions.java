package dev.promptbench.cli;

import dev.promptbench.prompt.PromptFileException;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options of every command that sends a prompt file (one picocli mixin of run and sweep): the prompt
 * file, the files written, the console, and the session (endpoint, request fields, retries, network, rate
 * limits, the simulator). {@link #open} starts the one launch path from them.
 */
final class LaunchOptions implements SimulatorOptions.Simulated {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "PROMPT_FILE",
            description = "Prompts: .txt (one per line) or .jsonl (messages or prompt per line); - reads stdin.")
    String promptFile;

    @Mixin
    OutputOptions output;

    @Mixin
    ConsoleOptions console;

    @Mixin
    SessionOptions session;

    final Map<String, String> env;
    /** Dates the results file (its header and default name): the system's, or a test's. */
    final Clock clock;

    LaunchOptions(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public SimulatorOptions simulatorOptions() {
        return session.simulatorOptions();
    }

    /** Resolves the endpoint(s) and opens the prompt file for them; the options are validated already. */
    Launch open() throws PromptFileException {
        return Launch.open(this);
    }
}
