package dev.promptbench.cli;

import dev.promptbench.batch.BatchStatusJson;
import dev.promptbench.batch.BatchDriver;
import dev.promptbench.batch.BatchState;
import dev.promptbench.batch.StateFile;
import dev.promptbench.clock.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code promptbench batch status}: each part's status and counts, polled now, and the whole's progress. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Asks the service about every part of the submission in STATE (and records the answer "
                + "there), then prints each part's status, request counts and times, and the whole's progress.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every part has ended", "2:usage error or not a state file", "4:the Batch API refused a call",
            "6:some parts are still running or waiting"})
final class BatchStatusCommand extends BatchOptions {
    @Parameters(index = "0", paramLabel = "STATE", description = "The state file written by 'batch submit'.")
    Path stateFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    BatchStatusCommand(Map<String, String> env, Sleeper sleeper, Clock clock) {
        super(env, sleeper, clock);
    }

    @Override
    int execute() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("--format must be table or json (got '" + format + "')");
        }
        BatchState state = load(stateFile);
        try (BatchConnection connection = connect()) {
            checkSameEndpoint(state, connection.endpoint(), stateFile);
            state = new BatchDriver(connection.api(), new StateFile(stateFile), sleeper, clock, listener())
                    .refresh(state);
        }
        if (format.equals("json")) BatchStatusJson.write(state, out());
        else BatchStatusView.table(state, out());
        return state.ended() ? ExitCode.OK : ExitCode.NOT_FINISHED;
    }
}
