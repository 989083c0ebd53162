package dev.promptbench.client;

/** Token counts reported by the service in {@code usage}. */
public record Usage(int promptTokens, int completionTokens) {}
