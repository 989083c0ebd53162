package dev.promptbench.cli;

import dev.promptbench.app.Version;
import dev.promptbench.batch.BatchDriver;
import dev.promptbench.batch.BatchLimits;
import dev.promptbench.batch.BatchState;
import dev.promptbench.batch.BatchStatus;
import dev.promptbench.batch.StateFile;
import dev.promptbench.batch.Submission;
import dev.promptbench.client.Api;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.prompt.TextPromptStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code promptbench batch submit}: split, upload and create the batches, and write the state file. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Turns PROMPT_FILE into the Batch API's input lines (custom_id = the prompt's id, body exactly "
                + "as 'run' sends it), splits them into parts within the service's limits, uploads each part, creates "
                + "its batch (window 24h) and writes the state file that the other batch commands read.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every part's batch was created", "2:usage or configuration error",
            "4:the Batch API refused a call", "6:some parts still wait for the enqueued-token quota "
                + "(batch fetch --wait creates them)", "130:interrupted"})
final class BatchSubmitCommand extends BatchOptions {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    @Parameters(index = "0", paramLabel = "PROMPT_FILE", description = "Prompts: .txt (one per line) or .jsonl.")
    String promptFile;

    @ArgGroup(validate = false, heading = "%nSubmission:%n", order = 1)
    SubmitOptions submit = new SubmitOptions();

    @ArgGroup(validate = false, heading = "%nRequest fields (sent only when given):%n", order = 3)
    RequestOptions request = new RequestOptions();

    BatchSubmitCommand(Map<String, String> env, Sleeper sleeper, Clock clock) {
        super(env, sleeper, clock);
    }

    @Override
    int execute() throws Exception {
        Submitted submitted = submit(this, promptFile, submit, request);
        if (submitted.waiting() > 0) {
            notices().say(submitted.waiting() + " part(s) still wait for the enqueued-token quota; 'batch fetch "
                    + submitted.stateFile() + " --wait' creates them when it frees up");
        }
        out().println("state: " + submitted.stateFile());
        submitted.state().parts().forEach(p -> out().println("part " + p.number() + ": "
                + (p.batchId() == null ? "waiting" : p.batchId()) + " (" + p.prompts() + " prompts)"));
        out().println("next: " + fetchCommand(submitted.stateFile()));
        String withheld = withheld();
        if (withheld != null) out().println("      " + withheld);
        out().flush();
        return submitted.waiting() > 0 ? ExitCode.NOT_FINISHED : ExitCode.OK;
    }

    record Submitted(Path stateFile, BatchState state, long waiting) {}

    /** Shared by submit and run. */
    static Submitted submit(BatchOptions command, String promptFile, SubmitOptions submit, RequestOptions request)
            throws Exception {
        request.validate();
        if (request.stream) throw new UsageException("--stream does not apply to the Batch API (answers come as files)");
        submit.validate();
        Path stateFile = submit.state != null ? submit.state : defaultStatePath(command.clock);
        if (Files.exists(stateFile)) {
            throw new UsageException("--state " + stateFile + " already exists; a state file is never overwritten");
        }
        try (BatchConnection connection = command.connect();
             PromptFile prompts = PromptSources.open(promptFile, submit.template,
                     new TextPromptStyle(request.role, request.system));
             PromptSource source = prompts.source()) {
            var endpoint = connection.endpoint();
            if (endpoint.api() == Api.RESPONSES) {
                // The input lines are chat completions (url /chat/completions): sending them would ignore --api.
                throw new UsageException("--api responses: the Batch API input lines promptbench writes are chat "
                        + "completions; leave --api (or the profile's api:) out for a batch, or run the Responses "
                        + "API with 'run'");
            }
            BatchLimits limits = BatchLimits.forProvider(endpoint.style().isAzure(), submit.maxPerBatch);
            StateFile file = new StateFile(stateFile);
            BatchState state = Submission.prepare(prompts, source,
                    new Submission.Source(submit.template == null ? null : submit.template.toString(),
                            request.role, request.system),
                    request.settings(), endpoint, limits, file, Version.current(),
                    command.clock.instant());
            command.notices().say("promptbench " + Version.current() + " · batch · " + endpoint.kind() + " "
                    + endpoint.origin() + " · " + endpoint.target() + " · " + prompts.count() + " prompts in "
                    + state.parts().size() + " part(s)");
            BatchDriver driver = new BatchDriver(connection.api(), file, command.sleeper, command.clock,
                    command.listener());
            state = driver.startAll(state, Duration.ofSeconds(60), submit.maxWait);
            long waiting = state.parts().stream().filter(p -> p.status() == BatchStatus.WAITING).count();
            return new Submitted(stateFile, state, waiting);
        }
    }

    static Path defaultStatePath(Clock clock) {
        String stamp = STAMP.format(ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC));
        Path candidate = Path.of("results", stamp + ".batch.json");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = Path.of("results", stamp + "-" + n + ".batch.json");
        }
        return candidate;
    }

    /** Options of a submission (submit and run). */
    static final class SubmitOptions {
        @Option(names = "--state", paramLabel = "FILE", order = 10,
                description = "Where to write the state file (default: results/<UTC time>.batch.json; never "
                        + "overwritten). The part files go beside it, in <name>.parts/.")
        Path state;

        @Option(names = "--max-per-batch", paramLabel = "N", order = 11,
                description = "At most N requests a batch (the service's limit is 100,000 on Azure, 50,000 on "
                        + "OpenAI; 200 MB a file on both).")
        Integer maxPerBatch;

        @Option(names = "--template", paramLabel = "FILE", order = 13,
                description = "PROMPT_FILE is a CSV (with a header row) or JSONL of variables filling this "
                        + "template's {{column}} placeholders, one prompt per row.")
        Path template;

        @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "10m", order = 12,
                converter = DurationConverter.class,
                description = "How long to keep retrying a create refused for the deployment's enqueued-token quota "
                        + "(token_limit_exceeded) (default: ${DEFAULT-VALUE}).")
        Duration maxWait;

        void validate() {
            FlagCheck.atLeast("--max-per-batch", maxPerBatch, 1);
            if (state != null && Files.isDirectory(state)) {
                throw new UsageException("--state " + state + " is a directory; give a file name");
            }
        }
    }
}
