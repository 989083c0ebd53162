package dev.promptbench.client;

import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.Usage;

/**
 * What a 2xx answer said: its text and what came with it, streamed or not.
 *
 * @param text         the first choice's message content, or the Responses API's output text ("" when none)
 * @param finishReason {@code stop}, {@code length}, {@code content_filter}, ... or null
 * @param usage        token counts from the service, or null when it sent none
 * @param model        the model that answered, as the service names it, or null
 * @param stream       token timing of a streamed answer, or null when not streamed
 * @param servedTier   the tier the answer says served it ({@code service_tier}), or null when it named none (or one
 *                     not known): apart from {@code usage}, which a stream without a usage chunk does not have
 * @param refusal      the text of the model's refusal ({@code message.refusal}, a Responses {@code refusal} part),
 *                     or null when it did not refuse: what it showed in place of an answer
 */
public record Answer(String text, String finishReason, Usage usage, String model, StreamMetrics stream,
                     ServiceTier servedTier, String refusal) implements StreamResult {

    /** An answer not streamed, naming no tier, not refused. */
    public Answer(String text, String finishReason, Usage usage, String model) {
        this(text, finishReason, usage, model, null, null, null);
    }

    /** True when the service cut the completion for content filtering. */
    public boolean filtered() { return "content_filter".equals(finishReason); }
}
