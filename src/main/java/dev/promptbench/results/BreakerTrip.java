package dev.promptbench.results;

import dev.promptbench.results.request.Mode;

/**
 * A {@code breaker} record: the circuit breaker stopped a mode because the endpoint stopped answering.
 *
 * @param mode        the mode it stopped
 * @param repeat      the repeat of that mode
 * @param failures    connection failures or timeouts in a row, across workers, that tripped it
 * @param lastKind    the last one's error kind
 * @param lastMessage the last one's message
 * @param endpoint    the endpoint of the last one
 */
public record BreakerTrip(Mode mode, int repeat, int failures, String lastKind, String lastMessage,
                          String endpoint) {}
