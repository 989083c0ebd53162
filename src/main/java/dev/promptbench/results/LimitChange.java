package dev.promptbench.results;

import dev.promptbench.results.request.Mode;

/**
 * A {@code limit} record: adaptive concurrency changed a mode's limit on requests in flight.
 *
 * @param offsetMs when, from the start of the mode (repeat)
 * @param limit    requests allowed in flight from then on
 * @param reason   why, in a few words ("429", "slow start", "start")
 */
public record LimitChange(Mode mode, int repeat, double offsetMs, int limit, String reason) {}
