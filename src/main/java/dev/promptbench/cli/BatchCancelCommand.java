package dev.promptbench.cli;

import dev.promptbench.batch.BatchDriver;
import dev.promptbench.batch.BatchState;
import dev.promptbench.batch.StateFile;
import dev.promptbench.clock.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code promptbench batch cancel}: cancels every part still running; finished lines stay fetchable. */
@Command(name = "cancel", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Cancels every batch of the submission in STATE that has not ended. The service returns "
                + "(and bills) what had finished; 'batch fetch' writes it, with the rest as not_run.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:cancel asked for every running part", "2:usage error or not a state file",
            "4:the Batch API refused a call"})
final class BatchCancelCommand extends BatchOptions {
    @Parameters(index = "0", paramLabel = "STATE", description = "The state file written by 'batch submit'.")
    Path stateFile;

    BatchCancelCommand(Map<String, String> env, Sleeper sleeper, Clock clock) {
        super(env, sleeper, clock);
    }

    @Override
    int execute() throws Exception {
        BatchState state = load(stateFile);
        try (BatchConnection connection = connect()) {
            checkSameEndpoint(state, connection.endpoint(), stateFile);
            state = new BatchDriver(connection.api(), new StateFile(stateFile), sleeper, clock, listener())
                    .cancel(state);
        }
        BatchStatusView.table(state, out());
        return ExitCode.OK;
    }
}
