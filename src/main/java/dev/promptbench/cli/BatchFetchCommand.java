package dev.promptbench.cli;

import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.batch.AnswerSink;
import dev.promptbench.batch.BatchDriver;
import dev.promptbench.batch.BatchJoin;
import dev.promptbench.batch.BatchLimits;
import dev.promptbench.batch.BatchListener;
import dev.promptbench.batch.BatchResults;
import dev.promptbench.batch.BatchSettings;
import dev.promptbench.batch.BatchState;
import dev.promptbench.batch.PromptIds;
import dev.promptbench.batch.StateFile;
import dev.promptbench.batch.StateFileException;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.prompt.TextPromptStyle;
import dev.promptbench.report.AnswerRow;
import dev.promptbench.report.AnswersFile;
import dev.promptbench.report.RebuiltReport;
import dev.promptbench.report.SavedRun;
import dev.promptbench.report.TableReporter;
import dev.promptbench.results.BatchSummary;
import dev.promptbench.results.ResultsFileException;
import dev.promptbench.results.ResultsWriter;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.RunHeader;
import dev.promptbench.results.RunKind;
import dev.promptbench.results.request.ServiceTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code promptbench batch fetch}: once every part has ended, join the answers and write a results file. */
@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Once every part of the submission in STATE has ended, downloads the output and error files "
                + "as streams, joins them to the prompts on custom_id and writes a results file in the schema of "
                + "'run' (mode \"batch\", one record per prompt in input order). Not finished and no --wait: "
                + "prints the status and exits 6.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every prompt answered", "1:some prompts failed or did not run",
            "2:usage error, not a state file, or the prompt file changed", "4:the Batch API refused a call",
            "6:not finished yet (run again later, or with --wait)", "130:interrupted (the batches keep running)"})
final class BatchFetchCommand extends BatchOptions {
    @Parameters(index = "0", paramLabel = "STATE", description = "The state file written by 'batch submit'.")
    Path stateFile;

    @ArgGroup(validate = false, heading = "%nFetching:%n", order = 1)
    FetchOptions fetch = new FetchOptions();

    BatchFetchCommand(Map<String, String> env, Sleeper sleeper, Clock clock) {
        super(env, sleeper, clock);
    }

    @Override
    int execute() throws Exception {
        if (!fetch.await) return fetch(this, stateFile, fetch, listener());
        try (BatchSignals signals = BatchSignals.interruptOnCtrlC(Thread.currentThread())) {
            return fetch(this, stateFile, fetch, listener());
        } catch (InterruptedException e) {
            return interrupted(stateFile);
        }
    }

    /** Shared by fetch and run. */
    static int fetch(BatchOptions command, Path stateFile, FetchOptions fetch, BatchListener listener)
            throws Exception {
        fetch.validate();
        BatchState state = load(stateFile);
        Path out = fetch.out != null ? fetch.out : resultsPathFor(stateFile);
        OutputFile resultsFile = fetch.out != null ? OutputFile.of("--out", out, fetch.force)
                : new OutputFile("--out", out, OutputFile.Mode.UNIQUE);
        OutputFile answersFile = fetch.answers == null ? null : OutputFile.of("--answers", fetch.answers, fetch.force);
        OutputFiles outputs = OutputFiles.check(resultsFile, java.util.Arrays.asList(answersFile),
                List.of(new OutputFiles.Input("the prompt file", Path.of(state.promptFile())),
                        new OutputFiles.Input("the state file", stateFile)));
        try (BatchConnection connection = command.connect();
             PromptFile prompts = openPrompts(state)) {
            checkSameEndpoint(state, connection.endpoint(), stateFile);
            StateFile file = new StateFile(stateFile);
            BatchDriver driver = new BatchDriver(connection.api(), file, command.sleeper, command.clock, listener);
            BatchLimits limits = BatchLimits.forProvider(connection.endpoint().style().isAzure(), null);
            Map<String, Integer> ids;
            try (PromptSource source = prompts.source()) {
                ids = PromptIds.read(source);
            }
            while (true) {
                state = fetch.await
                        ? driver.awaitEnd(state, fetch.pollInterval, null)
                        : driver.startWaiting(driver.refresh(state));
                if (!state.ended()) {
                    BatchStatusView.table(state, command.err());
                    command.err().println("promptbench: not finished yet; run 'promptbench batch fetch " + stateFile
                            + "' again later, or add --wait");
                    return ExitCode.NOT_FINISHED;
                }
                if (state.retryRounds() >= fetch.retryFailed) break;
                BitSet retry;
                try (BatchJoin join = BatchJoin.of(state, file, connection.api(), ids)) {
                    retry = join.unfinished();
                }
                if (retry.isEmpty()) break;
                state = driver.retry(state, retry, ids, limits);
                if (!fetch.await) continue;
            }
            return write(command, state, file, connection, prompts, ids, outputs, answersFile);
        }
    }

    private static int write(BatchOptions command, BatchState state, StateFile file, BatchConnection connection,
                             PromptFile prompts, Map<String, Integer> ids, OutputFiles outputs,
                             OutputFile answersFile) throws Exception {
        OutputFiles.Opened opened = outputs.open(outputs.results());
        Path out = opened.path();
        RunHeader header = new RunHeader(state.promptbenchVersion(), Instant.parse(state.submittedAt()),
                new RunHeader.Prompts(state.promptFile(), state.input().promptFileSha256(), state.prompts()),
                connection.endpoint().simulated(),
                List.of(connection.endpoint().info(null)), config(state, connection), null);
        BatchSummary summary;
        try (BatchJoin join = BatchJoin.of(state, file, connection.api(), ids);
             PromptSource source = prompts.source();
             ResultsWriter results = ResultsWriter.writingTo(opened.stream());
             AnswersFile answers = answersFile == null ? null : AnswersFile.writingTo(
                     outputs.open(answersFile).stream(), AnswersFile.formatOf(answersFile.path()))) {
            summary = BatchResults.write(state, join, source, header, file.path().toString(), results,
                    answers == null ? AnswerSink.NONE : (prompt, r) -> answers.write(new AnswerRow(r.index(), r.id(),
                            AnswersFile.promptText(prompt), r.status().wireName(), r.reply().answer(),
                            r.tokens().prompt(), r.tokens().completion(), r.reply().finishReason(),
                            r.error() == null ? null : r.error().message())),
                    connection.pricing(), connection.endpoint().name());
            join.anomalies().forEach(line -> command.err().println("warning: not joined: " + line));
            if (join.anomalyCount() > join.anomalies().size()) {
                command.err().println("warning: ... and " + (join.anomalyCount() - join.anomalies().size())
                        + " more lines not joined");
            }
        }
        partEnds(state).forEach(line -> command.err().println("promptbench: " + line));
        print(out, command);
        if (!outputs.failures().isEmpty()) {
            outputs.failures().forEach(line -> command.err().println("promptbench: " + line));
            return ExitCode.INTERNAL;
        }
        return summary.errors() + summary.notRun() > 0 ? ExitCode.REQUESTS_FAILED : ExitCode.OK;
    }

    /**
     * The settings of a batch as a run's header keeps them: what its lines were sent with (unknown when its
     * state file predates keeping them) and where its prices came from.
     */
    private static RunConfig config(BatchState state, BatchConnection connection) {
        BatchSettings sent = state.settings();
        String prices = connection.pricing().describeBatch();
        return sent == null
                ? new RunConfig(RunKind.BATCH, 1, RunConfig.Sampling.NONE, false, null, RunConfig.Timeouts.NONE, null, prices)
                : new RunConfig(RunKind.BATCH, 1, sent.sampling(), false, null, RunConfig.Timeouts.NONE,
                        ServiceTier.parse(sent.serviceTier()).orElse(null), prices);
    }

    /** One line for each part that did not complete: why, and what became of its prompts. */
    static java.util.List<String> partEnds(BatchState state) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (dev.promptbench.batch.BatchPart part : state.parts()) {
            dev.promptbench.batch.BatchJob job = part.job();
            String name = "part " + part.number() + (part.batchId() == null ? "" : " (" + part.batchId() + ")");
            Integer done = job == null ? null : job.counts().completed();
            String answered = (done == null ? "?" : done) + " of " + part.prompts() + " prompts answered";
            switch (part.status()) {
                case FAILED -> lines.add(name + " failed, its " + part.prompts() + " prompts recorded as errors"
                        + (job.errors().isEmpty() ? "" : ": " + job.errors().get(0).describe()
                        + (job.errors().size() > 1 ? " (and " + (job.errors().size() - 1) + " more)" : "")));
                case EXPIRED -> lines.add(name + " expired with " + answered + "; the rest are not_run"
                        + (part.round() == 0 ? " (--retry-failed N sends them again)" : ""));
                case CANCELLED -> lines.add(name + " was cancelled with " + answered + "; the rest are not_run");
                default -> { }
            }
        }
        return lines;
    }

    /**
     * The table {@code promptbench report} prints for the results file just written, read back through the
     * same code (so the two cannot disagree), then where the file is.
     */
    private static void print(Path out, BatchOptions command) throws IOException {
        RebuiltReport rebuilt;
        try {
            rebuilt = SavedRun.read(out);
        } catch (ResultsFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        rebuilt.notices().forEach(command.notices()::say);
        new TableReporter(Terminal.tableWidth(command.env)).write(rebuilt.report(), command.out());
        command.out().println("results: " + out);
        command.out().flush();
    }

    /** The prompt file the state names, unchanged since the submission. */
    static PromptFile openPrompts(BatchState state) throws Exception {
        BatchState.Input input = state.input();
        if (!Files.isRegularFile(Path.of(input.promptFile()))) {
            throw new StateFileException("the prompt file " + input.promptFile() + " of this submission is not there "
                    + "(run from the folder 'batch submit' ran in)");
        }
        PromptFile prompts = PromptSources.open(input.promptFile(),
                input.template() == null ? null : Path.of(input.template()),
                new TextPromptStyle(input.role(), input.system()));
        if (input.promptFileSha256() != null && !input.promptFileSha256().equals(prompts.sha256())) {
            prompts.close();
            throw new StateFileException(state.promptFile() + " changed since it was submitted; its answers cannot "
                    + "be joined to it");
        }
        return prompts;
    }

    /** results/X.batch.json gives results/X.batch.jsonl. */
    static Path resultsPathFor(Path stateFile) {
        String name = stateFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        Path candidate = stateFile.resolveSibling(base + ".jsonl");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = stateFile.resolveSibling(base + "-" + n + ".jsonl");
        }
        return candidate;
    }

    /** Options of fetching (fetch and run). */
    static final class FetchOptions {
        @Option(names = "--wait", order = 20, description = "Wait until every part has ended (polling).")
        boolean await;

        @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "60s", order = 21,
                converter = DurationConverter.class,
                description = "Longest pause between polls; they start a few seconds apart and back off to this "
                        + "(default: ${DEFAULT-VALUE}).")
        Duration pollInterval;

        @Option(names = "--out", paramLabel = "FILE", order = 22,
                description = "Results file (JSON Lines; default: the state file's name with .jsonl).")
        Path out;

        @Option(names = "--force", order = 23, description = "Overwrite the --out file if it exists.")
        boolean force;

        @Option(names = "--answers", paramLabel = "FILE", order = 25,
                description = "Also write one row per prompt in input order (id, prompt, status, answer, tokens): "
                        + "CSV for .csv, JSON Lines for .jsonl.")
        Path answers;

        @Option(names = "--retry-failed", paramLabel = "N", defaultValue = "0", order = 24,
                description = "Send failed and expired prompts again as new batches, up to N rounds "
                        + "(default: ${DEFAULT-VALUE}).")
        int retryFailed;

        void validate() {
            if (answers != null && AnswersFile.formatOf(answers) == null) {
                throw new UsageException("--answers " + answers + ": name it .csv or .jsonl (the extension picks the "
                        + "format)");
            }
            FlagCheck.atLeast("--retry-failed", retryFailed, 0);
            FlagCheck.longerThanZero("--poll-interval", pollInterval, null);
            if (out != null && Files.isDirectory(out)) {
                throw new UsageException("--out " + out + " is a directory; give a file name");
            }
        }
    }
}
