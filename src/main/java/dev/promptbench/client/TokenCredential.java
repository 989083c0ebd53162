package dev.promptbench.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Microsoft Entra ID (or other OAuth) access token sent as {@code Authorization: Bearer}, fetched
 * again before it expires so an overnight batch does not die when the first token does (after about an
 * hour). The expiry comes from the token's {@code exp} claim when it is a JWT, else an hour is assumed.
 *
 * <p>Refreshing starts {@link #REFRESH_MARGIN} before the expiry (at half the lifetime for short-lived
 * tokens). One thread refreshes at a time; while it does, the others keep sending the old token, which
 * is still valid. A failed refresh is tried again after {@link #RETRY_INTERVAL}, the old token is used
 * until it expires, and after that the failure is the credential's answer.
 */
public final class TokenCredential implements Credential {
    /** How long before its expiry a token is replaced. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /** The lifetime assumed for a token that does not say (not a JWT): Entra ID tokens live 60–90 minutes. */
    public static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);
    /**
     * The least time between two fetches: a source that keeps answering with a token near its end (a
     * cache such as the Azure CLI's) or that fails is not run for every request.
     */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

    private static final String HEADER = "Authorization";

    private final TokenSource source;
    private final String origin;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Held held;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile TokenException lastFailure;

    private TokenCredential(TokenSource source, String origin, Clock clock, Held held) {
        this.source = source;
        this.origin = Objects.requireNonNull(origin, "origin");
        this.clock = clock;
        this.held = held;
    }

    /**
     * A token given once (e.g. {@code $AZURE_OPENAI_AD_TOKEN}): never refreshed.
     *
     * @param origin where it came from, safe to print, e.g. {@code $AZURE_OPENAI_AD_TOKEN}
     * @param clock  the wall clock its expiry is compared with
     */
    public static TokenCredential fixed(String token, String origin, Clock clock) {
        Objects.requireNonNull(token, "token");
        return new TokenCredential(null, origin, clock, hold(token, clock.instant()));
    }

    /**
     * A token fetched from {@code source} on first use and again before it expires.
     *
     * @param origin where it comes from, safe to print, e.g. {@code --token-command}
     * @param clock  the wall clock the expiry is compared with (tests move it)
     */
    public static TokenCredential refreshing(TokenSource source, String origin, Clock clock) {
        return new TokenCredential(Objects.requireNonNull(source, "source"), origin, clock, null);
    }

    @Override public String headerName() { return HEADER; }

    /** {@code Bearer <token>}, fetching a token first when none is held or the held one is due. */
    @Override public String headerValue() { return "Bearer " + token(); }

    @Override public String describe() { return "bearer token from " + origin; }

    /**
     * Fetches a token now if none is held (so a failing source is reported before a run starts) and
     * says when the held one expires, if the token says so.
     *
     * @throws TokenException when the source fails
     */
    public Optional<Instant> check() {
        token();
        Held current = held;
        return current.expiryFromToken() ? Optional.of(current.expiresAt()) : Optional.empty();
    }

    /** Whether the token is fetched again before it expires (false for a fixed token). */
    public boolean refreshes() { return source != null; }

    private String token() {
        Held current = held;
        Instant now = clock.instant();
        if (current != null && (source == null || now.isBefore(current.refreshAt()))) {
            return current.token();
        }
        boolean valid = current != null && now.isBefore(current.expiresAt());
        if (valid) {
            if (!refreshing.tryLock()) {
                return current.token(); // another thread is fetching; the old token still works
            }
        } else {
            try {
                // Interruptible: a worker waiting for another's refresh must stop when the run is aborted.
                refreshing.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenException("the token refresh was interrupted");
            }
        }
        try {
            Held latest = held;
            now = clock.instant();
            if (latest != current && latest != null && now.isBefore(latest.refreshAt())) {
                return latest.token(); // fetched while this thread waited for the lock
            }
            boolean latestValid = latest != null && now.isBefore(latest.expiresAt());
            if (latest != null && now.isBefore(nextAttempt)) {
                if (latestValid || lastFailure == null) {
                    return latest.token();
                }
                throw lastFailure;
            }
            nextAttempt = now.plus(RETRY_INTERVAL);
            try {
                Held fresh = hold(source.fetch(), now);
                held = fresh;
                lastFailure = null;
                return fresh.token();
            } catch (TokenException e) {
                lastFailure = e;
                if (latestValid) {
                    return latest.token();
                }
                throw e;
            }
        } finally {
            refreshing.unlock();
        }
    }

    private static Held hold(String token, Instant now) {
        Optional<Instant> exp = JwtExpiry.of(token);
        Instant expiresAt = exp.orElse(now.plus(ASSUMED_LIFETIME));
        Duration lifetime = Duration.between(now, expiresAt);
        Instant byMargin = expiresAt.minus(REFRESH_MARGIN);
        Instant byHalfLife = now.plus(lifetime.dividedBy(2));
        return new Held(token, expiresAt, exp.isPresent(), byMargin.isAfter(byHalfLife) ? byMargin : byHalfLife);
    }

    /** Redacted: the token never reaches a log line through string concatenation. */
    @Override
    public String toString() {
        return HEADER + ": Bearer *** (" + origin + ")";
    }

    /** The token held now, when it expires, and when to fetch the next one. */
    private record Held(String token, Instant expiresAt, boolean expiryFromToken, Instant refreshAt) {
        @Override
        public String toString() {
            return "Held[***, expires " + expiresAt + "]";
        }
    }
}
