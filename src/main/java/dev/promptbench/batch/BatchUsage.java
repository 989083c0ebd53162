package dev.promptbench.batch;

/**
 * A batch's {@code usage}: the tokens of all its lines together, as OpenAI reports them on batches made
 * since September 2025 (openai-python {@code types/batch_usage.py}: input_tokens, output_tokens,
 * total_tokens and their details). Null parts were not reported; Azure does not send it.
 */
public record BatchUsage(Long inputTokens, Long outputTokens, Long totalTokens) {}
