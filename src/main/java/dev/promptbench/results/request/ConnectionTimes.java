package dev.promptbench.results.request;

/**
 * Where one call's time went before the answer started, from OkHttp's event listener. Phases a
 * reused connection skipped are 0.
 *
 * @param dnsNanos     name lookup
 * @param connectNanos TCP connect (TLS included)
 * @param tlsNanos     TLS handshake
 * @param headersNanos request sent to response headers received (the service's time to answer)
 * @param protocol     {@code http/1.1} or {@code h2} of the connection used, or null when none was made
 * @param reused       true when the call ran on a pooled connection
 */
public record ConnectionTimes(long dnsNanos, long connectNanos, long tlsNanos, long headersNanos, String protocol,
                              boolean reused) {}
