package dev.promptbench.batch;

/**
 * How much one batch may hold: Azure's global batch takes 100,000 requests and 200 MB a file, OpenAI
 * 50,000 and 200 MB; {@code --max-per-batch} lowers the count.
 */
public record BatchLimits(int maxRequests, long maxBytes) {
    public static final long MAX_BYTES = 200L * 1000 * 1000;

    public BatchLimits {
        if (maxRequests < 1) throw new IllegalArgumentException("maxRequests must be at least 1");
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be at least 1");
    }

    /** The service's limits, lowered to {@code maxPerBatch} when given (null for none). */
    public static BatchLimits forProvider(boolean azure, Integer maxPerBatch) {
        int service = azure ? 100_000 : 50_000;
        return new BatchLimits(maxPerBatch == null ? service : Math.min(service, maxPerBatch), MAX_BYTES);
    }
}
