package dev.promptbench.results;

/**
 * What the canary request found before the batch started; recorded in the results header only.
 *
 * @param status     {@code ok}, {@code error} or {@code skipped}
 * @param httpStatus the HTTP status, or null
 * @param latencyMs  how long it took, or null
 * @param message    why it failed or was skipped, or null
 */
public record CanaryReport(String status, Integer httpStatus, Double latencyMs, String message) {}
