package dev.promptbench.report.html;

/**
 * The fields of one {@code request} record the charts use, read from one line and dropped once
 * folded into its mode's columns.
 *
 * @param status           ok, filtered, error or not_run
 * @param errorKind        the error's kind, or null
 * @param ttftMs           time to first token from the final attempt's send, or NaN when not streamed
 * @param promptTokens     prompt tokens, or -1 when unknown
 * @param completionTokens completion tokens, or -1 when unknown
 */
record RequestLine(String mode, int repeat, boolean warmup, int index, String id, String status, String errorKind,
                   int attempts, int rateLimited, double waitMs, double startMs, double endMs, double latencyMs,
                   double ttftMs, int lane, int promptTokens, int completionTokens) {}
