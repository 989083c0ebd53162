package dev.promptbench.results;

import java.time.Instant;

/**
 * One part of a batch run as the results header records it: what the service said about its batch,
 * for the timeline.
 *
 * @param status the batch's status as promptbench names it (completed, failed, expired, ...)
 * @param counts the service's request counts, each null when it did not say
 * @param times  when the batch changed phase
 */
public record BatchPartInfo(int number, int round, String batchId, String status, int prompts, RequestCounts counts,
                            Times times) {

    /** When a batch entered each phase, each null when the service did not say. */
    public record Times(Instant createdAt, Instant inProgressAt, Instant finalizingAt, Instant endedAt) {}
}
