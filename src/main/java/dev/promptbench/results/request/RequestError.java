package dev.promptbench.results.request;

/**
 * Why a request failed, as recorded in the results file.
 *
 * @param kind    classified kind ({@code rate_limited}, {@code server_error}, ... or {@code internal})
 * @param code    the service's error code, or null
 * @param message one line for humans, no secrets
 */
public record RequestError(String kind, String code, String message) {}
