package dev.promptbench.results;

/**
 * A {@code sweep_step} record: one concurrency step of a sweep starts here.
 *
 * @param threads  requests in flight at this step
 * @param requests requests a repeat of the step sends
 */
public record SweepMark(int threads, int requests) {}
