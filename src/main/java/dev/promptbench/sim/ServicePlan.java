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
 */
public record ServicePlan(Duration firstToken, int completionTokens, boolean capped, Duration total,
                          long textStart) {

    /** The {@code finish_reason} this plan produces. */
    public String finishReason() {
        return capped ? "length" : "stop";
    }
}
