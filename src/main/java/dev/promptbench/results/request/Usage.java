package dev.promptbench.results.request;

/**
 * What the service reported it billed for one answer: token counts, in the same terms for every API
 * shape (chat completions' {@code prompt/completion_tokens}, the Responses API's
 * {@code input/output_tokens}). A detail the service did not send is null (unknown), never 0. The tier that
 * served the answer is not a count: it is the answer's own ({@code Reply.servedTier}), known even when the
 * counts are not.
 *
 * @param promptTokens     prompt (input) tokens, cached ones included
 * @param completionTokens completion (output) tokens, reasoning ones included
 * @param reasoningTokens  of the completion tokens, those spent on hidden reasoning, or null when not reported
 * @param cachedTokens     of the prompt tokens, those read from the prompt cache, or null when not reported
 */
public record Usage(int promptTokens, int completionTokens, Integer reasoningTokens, Integer cachedTokens) {

    /** Counts without the reasoning and cached details (both unknown). */
    public Usage(int promptTokens, int completionTokens) {
        this(promptTokens, completionTokens, null, null);
    }

    /**
     * The completion tokens the user sees: completion minus reasoning when the service separated them,
     * otherwise every completion token (see {@link #separatesReasoning()}).
     */
    public int visibleTokens() {
        return reasoningTokens == null ? completionTokens : Math.max(0, completionTokens - reasoningTokens);
    }

    /** True when the service said how many completion tokens were reasoning. */
    public boolean separatesReasoning() { return reasoningTokens != null; }

    /**
     * Why these are not token counts (negative, or a detail larger than its total), or null when they
     * are. {@code where} names the fields in the service's terms, e.g. {@code usage.completion_tokens}.
     */
    public static String problem(Integer prompt, String promptName, Integer completion, String completionName,
                                 Integer reasoning, String reasoningName, Integer cached, String cachedName) {
        if (prompt != null && prompt < 0) return promptName + " is negative (" + prompt + ")";
        if (completion != null && completion < 0) return completionName + " is negative (" + completion + ")";
        if (reasoning != null && reasoning < 0) return reasoningName + " is negative (" + reasoning + ")";
        if (cached != null && cached < 0) return cachedName + " is negative (" + cached + ")";
        if (reasoning != null && completion != null && reasoning > completion) {
            return reasoningName + " (" + reasoning + ") exceeds " + completionName + " (" + completion + ")";
        }
        if (cached != null && prompt != null && cached > prompt) {
            return cachedName + " (" + cached + ") exceeds " + promptName + " (" + prompt + ")";
        }
        return null;
    }
}
