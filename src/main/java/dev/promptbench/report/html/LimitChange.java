package dev.promptbench.report.html;

/**
 * One change of a mode's adaptive concurrency limit, from a {@code limit} record.
 *
 * @param atMs   when, from the mode's start (after any resume shift)
 * @param limit  requests allowed in flight from then on
 * @param reason why the limiter changed it, as recorded
 */
record LimitChange(double atMs, int limit, String reason) {}
