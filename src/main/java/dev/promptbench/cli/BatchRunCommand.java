package dev.promptbench.cli;

import dev.promptbench.clock.Sleeper;
import dev.promptbench.sim.SimulatorSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code promptbench batch run}: submit, wait and fetch in one, with progress; Ctrl-C leaves the batches running. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        modelTransformer = SimulatorOptions.AsSimFlags.class,
        description = {"Submits PROMPT_FILE to the Batch API, waits for every part to end (a progress line on a "
                + "terminal, plain lines otherwise) and writes the results file, as 'batch submit' then 'batch fetch "
                + "--wait' would. Ctrl-C leaves the batches running and prints the commands that pick them up.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every prompt answered", "1:some prompts failed or did not run",
            "2:usage or configuration error", "4:the Batch API refused a call",
            "130:interrupted (the batches keep running: see the commands printed)"})
final class BatchRunCommand extends BatchOptions implements SimulatorOptions.Simulated {
    @Parameters(index = "0", paramLabel = "PROMPT_FILE", description = "Prompts: .txt (one per line) or .jsonl.")
    String promptFile;

    @ArgGroup(validate = false, heading = "%nSubmission:%n", order = 1)
    BatchSubmitCommand.SubmitOptions submit = new BatchSubmitCommand.SubmitOptions();

    @ArgGroup(validate = false, heading = "%nFetching:%n", order = 2)
    BatchFetchCommand.FetchOptions fetch = new BatchFetchCommand.FetchOptions();

    @ArgGroup(validate = false, heading = "%nRequest fields (sent only when given):%n", order = 3)
    RequestOptions request = new RequestOptions();

    /** The simulator's --sim-* knobs (added by {@link SimulatorOptions.AsSimFlags}). */
    final SimulatorOptions simulatorOptions = new SimulatorOptions();

    @Override
    public SimulatorOptions simulatorOptions() {
        return simulatorOptions;
    }

    @Option(names = "--sim-batch-duration", paramLabel = "DURATION", converter = DurationConverter.class, order = 95,
            description = "Built-in simulator: how long each batch takes (default 3s).")
    Duration simBatchDuration;

    @Option(names = "--sim-batch-window", paramLabel = "DURATION", converter = DurationConverter.class, order = 96,
            description = "Built-in simulator: the real time standing for the 24h completion window; a batch still "
                    + "running then expires with the lines answered so far (default 24h).")
    Duration simBatchWindow;

    @Option(names = "--sim-batch-quirks", order = 97,
            description = "Built-in simulator: reproduce Azure's Batch API quirks (capitalised statuses, \"\" or a "
                    + "zero-byte error file, no output file when every line failed, unrun lines left out of the "
                    + "error file), as 'simulate --batch-quirks' does.")
    boolean simBatchQuirks;

    BatchRunCommand(Map<String, String> env, Sleeper sleeper, Clock clock) {
        super(env, sleeper, clock);
    }

    @Override
    SimulatorSettings simulatorSettings() {
        SimulatorSettings settings = simulatorOptions.settings();
        SimulatorSettings.Batches batches = settings.batches();
        return settings.withBatches(SimulatorOptions.batches(
                simBatchDuration == null ? batches.duration() : simBatchDuration,
                simBatchWindow == null ? batches.window() : simBatchWindow, simBatchQuirks, "--sim-"));
    }

    @Override
    int execute() throws Exception {
        fetch.validate();
        fetch.await = true;
        BatchSubmitCommand.Submitted submitted = BatchSubmitCommand.submit(this, promptFile, submit, request);
        notices().say("state: " + submitted.stateFile());
        BatchProgress progress = new BatchProgress(err(), Terminal.progressAllowed(env, quiet), quiet, clock);
        try (BatchSignals signals = BatchSignals.interruptOnCtrlC(Thread.currentThread())) {
            return BatchFetchCommand.fetch(this, submitted.stateFile(), fetch, progress);
        } catch (InterruptedException e) {
            progress.end();
            if (usingSimulator()) {
                err().println("promptbench: interrupted; the built-in simulator and its batches end with this command");
                return ExitCode.INTERRUPTED;
            }
            return interrupted(submitted.stateFile());
        } finally {
            progress.end();
        }
    }
}
