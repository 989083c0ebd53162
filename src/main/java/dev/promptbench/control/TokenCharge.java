package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.prompt.JsonValue;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * What Azure charges a request against its tokens-per-minute quota when it admits it: the
 * estimated prompt tokens plus the completion limit actually sent, times the completions asked for
 * ({@code n}, {@code best_of}) — not the tokens the answer turns out to use.
 */
public final class TokenCharge implements ToLongFunction<ChatRequest> {
    /**
     * Charged for the completion when a request sends no max tokens. Azure then reserves the
     * model's whole context, which this cannot know; 4,096 is the simulator's stand-in too.
     */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private final TokenEstimator estimator;

    public TokenCharge(TokenEstimator estimator) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
    }

    @Override
    public long applyAsLong(ChatRequest request) {
        long completion = request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS;
        return estimator.promptTokens(request.messages()) + completion * completions(request);
    }

    /** The completions the service reserves for: the larger of {@code n} and {@code best_of}, at least 1. */
    private static long completions(ChatRequest request) {
        return Math.max(1, Math.max(positive(request.fields().get("n")), positive(request.fields().get("best_of"))));
    }

    private static long positive(JsonValue value) {
        return value instanceof JsonValue.Number number && number.isInteger() && number.longValue() > 0
                ? number.longValue() : 1;
    }
}
