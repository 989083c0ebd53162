package dev.promptbench.results;

/**
 * The totals of a batch run.
 *
 * @param wallMs           from the submission to the end of the last part, or null when unknown
 * @param promptTokens     summed over the answered prompts, or null when no answer gave usage
 * @param anomalies        output lines not joined (unknown or repeated custom_id)
 */
public record BatchSummary(int prompts, int ok, int filtered, int errors, int notRun, Double wallMs,
                           Long promptTokens, Long completionTokens, int anomalies) {}
