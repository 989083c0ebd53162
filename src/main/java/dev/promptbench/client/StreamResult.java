package dev.promptbench.client;

import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.StreamMetrics;
import dev.promptbench.results.request.Usage;

/** How reading one streamed answer ended: a complete answer, or a classified failure. */
sealed interface StreamResult permits StreamResult.Complete, StreamResult.Failed {

    /**
     * The stream reached {@code data: [DONE]}.
     *
     * @param answer       the concatenated {@code delta.content} of choice 0
     * @param finishReason the last {@code finish_reason} of choice 0, or null
     * @param usage        the service's counts, or null when it sent none
     * @param model        the model named by the chunks, or null
     * @param metrics      token timing
     * @param servedTier   the tier the answer says served it, or null when it named none (or one not known)
     * @param refusal      the text of the model's refusal, or null when it did not refuse
     */
    record Complete(String answer, String finishReason, Usage usage, String model, StreamMetrics metrics,
                    ServiceTier servedTier, String refusal) implements StreamResult {}

    /**
     * The stream failed: an error event, a chunk that is not a chat completion chunk, or an end
     * before {@code [DONE]}.
     *
     * @param kind   the classification
     * @param code   the service's error code from an error event, or null
     * @param detail what happened, not yet made safe to print
     */
    record Failed(ErrorKind kind, String code, String detail) implements StreamResult {}
}
