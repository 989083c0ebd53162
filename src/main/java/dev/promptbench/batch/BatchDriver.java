package dev.promptbench.batch;

import dev.promptbench.clock.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Moves a submission along: uploads and creates the parts still waiting (holding back while the
 * deployment's enqueued-token quota is full), polls the running ones, saves the state after every
 * change, and cancels.
 */
public final class BatchDriver {
    /** The first pause between polls; it doubles up to the poll interval. */
    static final Duration FIRST_POLL = Duration.ofSeconds(5);
    /** How long an uploaded file may stay "pending" before the submission gives up on it. */
    private static final Duration FILE_PROCESSING_LIMIT = Duration.ofMinutes(30);

    private final BatchApi api;
    private final StateFile stateFile;
    private final Sleeper sleeper;
    private final Clock clock;
    private final BatchListener listener;

    public BatchDriver(BatchApi api, StateFile stateFile, Sleeper sleeper, Clock clock, BatchListener listener) {
        this.api = api;
        this.stateFile = stateFile;
        this.sleeper = sleeper;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Uploads and creates the waiting parts in order. A full token quota stops this pass (the parts after
     * it would meet the same quota); they stay waiting in the state.
     *
     * @return the state, saved
     */
    public BatchState startWaiting(BatchState state) throws IOException, InterruptedException {
        for (BatchPart part : state.parts()) {
            if (part.status() != BatchStatus.WAITING) continue;
            if (part.inputFileId() == null) {
                UploadedFile file = api.upload(stateFile.partsDir(state).resolve(part.file()));
                part = part.withInputFile(file.id());
                state = save(state.withPart(part));
                awaitProcessed(file);
            }
            try {
                BatchJob job = api.create(part.inputFileId(), Map.of("promptbench_part", Integer.toString(part.number())));
                state = save(state.withPart(part.withBatch(job, clock.instant().toString())));
                listener.notice("part " + part.number() + ": batch " + job.id() + " (" + part.prompts() + " prompts)");
            } catch (BatchApiException e) {
                if (!e.tokenLimit()) throw e;
                listener.notice("part " + part.number() + " waits: the deployment's enqueued-token quota is full ("
                        + e.getMessage() + ")");
                return state;
            }
        }
        return state;
    }

    /** Polls every running part once; a batch failed for the token quota goes back to waiting. */
    public BatchState refresh(BatchState state) throws IOException, InterruptedException {
        for (BatchPart part : state.parts()) {
            if (part.batchId() == null || part.status().ended()) continue;
            BatchJob job = api.retrieve(part.batchId());
            BatchPart seen = part.withJob(job);
            if (job.status() == BatchStatus.FAILED && job.hasError("token_limit_exceeded")) {
                listener.notice("part " + part.number() + ": batch " + job.id()
                        + " refused for the enqueued-token quota; it will be created again");
                seen = part.requeued();
            }
            state = save(state.withPart(seen));
        }
        return state;
    }

    /**
     * Polls (and creates waiting parts) until every part has ended or {@code maxWait} has passed, pausing
     * from a few seconds up to {@code pollInterval}.
     *
     * @param maxWait null for no limit
     */
    public BatchState awaitEnd(BatchState state, Duration pollInterval, Duration maxWait)
            throws IOException, InterruptedException {
        Instant deadline = maxWait == null ? null : clock.instant().plus(maxWait);
        Duration pause = FIRST_POLL.compareTo(pollInterval) < 0 ? FIRST_POLL : pollInterval;
        while (true) {
            state = startWaiting(refresh(state));
            listener.progress(state);
            if (state.ended()) return state;
            if (deadline != null && !clock.instant().plus(pause).isBefore(deadline.plusMillis(1))) return state;
            sleeper.sleep(pause);
            pause = pause.multipliedBy(2).compareTo(pollInterval) > 0 ? pollInterval : pause.multipliedBy(2);
        }
    }

    /** Creates the waiting parts, retrying while the token quota is full, until all are created or {@code maxWait}. */
    public BatchState startAll(BatchState state, Duration pollInterval, Duration maxWait)
            throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(maxWait);
        Duration pause = FIRST_POLL.compareTo(pollInterval) < 0 ? FIRST_POLL : pollInterval;
        while (true) {
            state = startWaiting(state);
            if (state.parts().stream().noneMatch(p -> p.status() == BatchStatus.WAITING)) return state;
            if (clock.instant().plus(pause).isAfter(deadline)) return state;
            sleeper.sleep(pause);
            state = refresh(state);
            pause = pause.multipliedBy(2).compareTo(pollInterval) > 0 ? pollInterval : pause.multipliedBy(2);
        }
    }

    /** Cancels every part still running; parts not created yet are marked cancelled without a call. */
    public BatchState cancel(BatchState state) throws IOException, InterruptedException {
        for (BatchPart part : state.parts()) {
            if (part.status().ended()) continue;
            BatchJob job = part.batchId() == null
                    ? new BatchJob(null, BatchStatus.CANCELLED, "cancelled",
                            new BatchJob.Files(part.inputFileId(), null, null), null, null, null, null, null)
                    : api.cancel(part.batchId());
            state = save(state.withPart(part.withJob(job)));
        }
        return state;
    }

    /**
     * Adds a {@code --retry-failed} round for the prompts in {@code retry} (copied lines, new parts), saves
     * it and creates what the quota allows.
     */
    public BatchState retry(BatchState state, java.util.BitSet retry, Map<String, Integer> ids, BatchLimits limits)
            throws IOException, InterruptedException {
        state = save(RetryRound.add(state, stateFile, retry, ids, limits));
        listener.notice("retry round " + state.retryRounds() + ": " + retry.cardinality()
                + " failed or unfinished prompt(s) sent again");
        return startWaiting(state);
    }

    private void awaitProcessed(UploadedFile file) throws InterruptedException {
        Instant giveUp = clock.instant().plus(FILE_PROCESSING_LIMIT);
        Duration pause = Duration.ofSeconds(1);
        while (!file.ready()) {
            if (file.failed()) {
                throw new BatchApiException("upload " + file.id() + ": the service could not process the file ("
                        + (file.statusDetails() == null ? file.status() : file.statusDetails()) + ")", 0, null);
            }
            if (clock.instant().isAfter(giveUp)) {
                throw new BatchApiException("upload " + file.id() + ": still " + file.status() + " after "
                        + FILE_PROCESSING_LIMIT.toMinutes() + " minutes", 0, null);
            }
            sleeper.sleep(pause);
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                    : pause.multipliedBy(2);
            file = api.file(file.id());
        }
    }

    private BatchState save(BatchState state) throws IOException {
        stateFile.save(state);
        return state;
    }
}
