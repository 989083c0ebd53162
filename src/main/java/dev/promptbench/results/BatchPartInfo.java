package dev.promptbench.results;

import java.time.Instant;

/**
 * One part of a batch run as the results header records it: what the service said about its batch,
 * for the timeline (each time null when the service did not say).
 */
public record BatchPartInfo(int number, int round, String batchId, String status, int prompts, Integer total,
                            Integer completed, Integer failed, Instant createdAt, Instant inProgressAt,
                            Instant finalizingAt, Instant endedAt) {}
