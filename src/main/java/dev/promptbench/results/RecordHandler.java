package dev.promptbench.results;

import dev.promptbench.results.request.RequestResult;
import dev.promptbench.stats.ModeSummary;

/**
 * Receives the records of a results file in file order, each as its typed value. Every method does
 * nothing by default, so a reader of one kind of record implements only that one; record types this
 * version does not know are skipped.
 */
public interface RecordHandler {
    /** The {@code run} header: always the first record. */
    default void header(RunHeader header) {}

    /** A {@code request} record (warm-ups included: {@link RequestResult#warmup()}). */
    default void request(RequestResult request) {}

    /** A {@code summary} record: one mode's (one repeat's) statistics as the run computed them. */
    default void summary(ModeSummary summary) {}

    /** A {@code resume} record: what follows continues the run in a new session, its clock from zero. */
    default void resume(ResumeMark resume) {}

    /** A {@code sweep_step} record: the records that follow, up to the next one, belong to this step. */
    default void sweepStep(SweepMark step) {}

    /** A {@code limit} record: adaptive concurrency changed its limit. */
    default void limit(LimitChange change) {}

    /** The parts of a Batch API run, from its {@code run} header (right after {@link #header}). */
    default void batchParts(java.util.List<BatchPartInfo> parts) {}

    /** The {@code summary} record of a Batch API run: its totals and its wall time. */
    default void batchSummary(BatchSummary summary) {}

    /** A line for people about how a record was read (e.g. a histogram that could not be decoded). */
    default void notice(String line) {}
}
