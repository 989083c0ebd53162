package dev.promptbench.sim;

import java.time.Duration;

/**
 * What the latency model decided for one request: when its first token is due, how long the
 * answer is and when the whole response is sent.
 *
 * @param firstToken       time from the request's arrival to the first token
 * @param completionTokens answer length in tokens, after any max-tokens cap (at least 1)
 * @param capped           true when the request's max tokens cut the answer ({@code finish_reason: length})
 * @param total            time from the request's arrival to sending the complete response
 * @param textStart        where the canned answer text begins, so different prompts read differently
 * @param reasoningTokens  hidden reasoning tokens spent before the first visible token (0 for none); the
 *                         answer's completion tokens are these plus {@code completionTokens}
 * @param reasoningStart   when reasoning began (the model's own first token); {@code firstToken} when none
 * @param cachedTokens     prompt tokens read from the prompt cache (0 for none)
 */
public record ServicePlan(Duration firstToken, int completionTokens, boolean capped, Duration total,
                          long textStart, int reasoningTokens, Duration reasoningStart, int cachedTokens) {

    /** A plan without reasoning or cached tokens. */
    public ServicePlan(Duration firstToken, int completionTokens, boolean capped, Duration total, long textStart) {
        this(firstToken, completionTokens, capped, total, textStart, 0, firstToken, 0);
    }

    /** All completion tokens billed: the visible ones and the reasoning before them. */
    public int billedCompletionTokens() {
        return completionTokens + reasoningTokens;
    }

    /** The {@code finish_reason} this plan produces. */
    public String finishReason() {
        return capped ? "length" : "stop";
    }
}
