package dev.promptbench.results;

/** A Batch API batch's {@code request_counts}; null where the service did not say (never a made-up 0). */
public record RequestCounts(Integer total, Integer completed, Integer failed) {
    public static final RequestCounts UNKNOWN = new RequestCounts(null, null, null);
}
