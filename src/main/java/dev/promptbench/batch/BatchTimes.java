package dev.promptbench.batch;

/** The epoch seconds at which a batch changed status, each null when the service did not say. */
public record BatchTimes(Long createdAt, Long inProgressAt, Long finalizingAt, Long completedAt, Long failedAt,
                         Long expiredAt, Long cancellingAt, Long cancelledAt, Long expiresAt) {
    public static final BatchTimes NONE = new BatchTimes(null, null, null, null, null, null, null, null, null);

    /** When the batch ended (completed, failed, expired or cancelled), or null while it runs. */
    public Long endedAt() {
        if (completedAt != null) return completedAt;
        if (failedAt != null) return failedAt;
        if (expiredAt != null) return expiredAt;
        return cancelledAt;
    }
}
