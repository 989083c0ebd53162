package dev.promptbench.batch;

import dev.promptbench.results.request.Usage;
import dev.promptbench.cost.Pricing;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.results.BatchPartInfo;
import dev.promptbench.results.BatchRequest;
import dev.promptbench.results.BatchSummary;
import dev.promptbench.results.RequestCounts;
import dev.promptbench.results.ResultsWriter;
import dev.promptbench.results.RunHeader;
import dev.promptbench.results.request.RequestError;
import dev.promptbench.results.request.RequestStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a joined submission as a results file: the header with every part, one record per prompt in
 * input order (each priced at the Batch API's price and also handed to the answers sink), and the summary.
 */
public final class BatchResults {
    private BatchResults() {}

    /**
     * @param pricing  the prices of the endpoint's model
     * @param endpoint the endpoint's name, for a price configured on it
     */
    public static BatchSummary write(BatchState state, BatchJoin join, PromptSource prompts, RunHeader header,
                                     String stateFile, ResultsWriter out, AnswerSink answers, Pricing pricing,
                                     String endpoint) throws IOException, PromptFileException {
        out.writeBatchHeader(header, stateFile, parts(state));
        int ok = 0;
        int filtered = 0;
        int errors = 0;
        int notRun = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        boolean anyUsage = false;
        for (Prompt prompt = prompts.next(); prompt != null; prompt = prompts.next()) {
            BatchRequest record = join.get(prompt.index(), prompt.id());
            if (record == null) {
                record = BatchRequest.failed(prompt.index(), prompt.id(), RequestStatus.NOT_RUN,
                        new RequestError("not_submitted", null, "no part of this submission holds this prompt"),
                        new BatchRequest.Line(null, null, 0)).of(prompt.id(), 0);
            } else {
                record = record.withCost(cost(record, pricing, endpoint));
            }
            switch (record.status()) {
                case OK -> ok++;
                case FILTERED -> filtered++;
                case ERROR -> errors++;
                case NOT_RUN -> notRun++;
            }
            if (record.tokens().prompt() != null) {
                promptTokens += record.tokens().prompt();
                anyUsage = true;
            }
            if (record.tokens().completion() != null) completionTokens += record.tokens().completion();
            out.writeBatchRequest(record);
            answers.accept(prompt, record);
        }
        BatchSummary summary = new BatchSummary(state.prompts(), ok, filtered, errors, notRun, wallMs(state),
                anyUsage ? promptTokens : null, anyUsage ? completionTokens : null, join.anomalyCount());
        out.writeBatchSummary(summary);
        return summary;
    }

    /** An answer's cost at the Batch API's price (the tier multiplier of the default tier), or null. */
    private static Double cost(BatchRequest r, Pricing pricing, String endpoint) {
        Usage usage = r.tokens().usage();
        if (usage == null) return null;
        String model = r.reply().model() != null ? r.reply().model() : pricing.modelOf(endpoint);
        return pricing.cost(endpoint, model, usage, null, true);
    }

    /** From the submission to the end of the last part, when every part's end is known. */
    static Double wallMs(BatchState state) {
        long last = Long.MIN_VALUE;
        for (BatchPart part : state.parts()) {
            Long ended = part.job() == null ? null : part.job().times().endedAt();
            if (ended == null) return null;
            last = Math.max(last, ended);
        }
        Instant start = Instant.parse(state.submittedAt());
        return (last * 1000.0) - start.toEpochMilli();
    }

    static List<BatchPartInfo> parts(BatchState state) {
        return state.parts().stream().map(p -> {
            BatchJob job = p.job();
            BatchTimes t = job == null ? BatchTimes.NONE : job.times();
            return new BatchPartInfo(p.number(), p.round(), p.batchId(), p.status().wireName(), p.prompts(),
                    job == null ? RequestCounts.UNKNOWN : job.counts(), new BatchPartInfo.Times(instant(t.createdAt()),
                    instant(t.inProgressAt()), instant(t.finalizingAt()), instant(t.endedAt())));
        }).toList();
    }

    private static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
