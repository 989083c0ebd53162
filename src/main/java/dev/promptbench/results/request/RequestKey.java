package dev.promptbench.results.request;

/**
 * Which request a record is about: one prompt, sent by one mode in one repeat.
 *
 * @param mode     which mode sent it
 * @param repeat   0-based repeat number
 * @param index    the prompt's 0-based index in the prompt file
 * @param promptId the prompt's id
 * @param warmup   true for a warm-up request: sent and recorded, left out of every statistic
 */
public record RequestKey(Mode mode, int repeat, int index, String promptId, boolean warmup) {}
