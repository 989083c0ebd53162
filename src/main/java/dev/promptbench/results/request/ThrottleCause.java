package dev.promptbench.results.request;

/**
 * Why a 429 came: each cause wants another reaction (pace, pace harder, stop, or wait and retry), so
 * a 429 is never just "rate limited". {@link ThrottleClassifier} tells them apart.
 */
public enum ThrottleCause {
    /** Too many requests in the service's window (Azure "call rate limit", OpenAI {@code requests}). */
    REQUEST_RATE("request_rate", "pace requests: --rpm, or fewer --threads (Azure checks RPM per 1-10 s window)"),
    /** Too many tokens in the window; Azure charges prompt + max tokens at admission. */
    TOKEN_RATE("token_rate", "pace tokens: --tpm and a --max-tokens close to what answers need (Azure charges it "
            + "up front)"),
    /** The quota or credit is used up (OpenAI {@code insufficient_quota}, Azure's day-long wait): waiting will not help. */
    QUOTA_EXHAUSTED("quota_exhausted", "the quota or credit is used up: raise it or add credit, or use another "
            + "deployment; the run stops"),
    /** The service cut the deployment's limit for a while: its {@code x-ratelimit-limit-*} fell below what it was. */
    CAPACITY("capacity", "the service lowered this deployment's limit for a while: retry later, or another "
            + "region or deployment"),
    /** The flex tier had no capacity for the request (not billed). */
    FLEX_UNAVAILABLE("flex_unavailable", "flex had no capacity (not billed): retry later, or use the default tier"),
    /** A 429 that says nothing we recognise. */
    UNKNOWN("unknown", "the 429 named no cause (or the file predates causes): pace with --tpm/--rpm or --adaptive");

    private final String wireName;
    private final String advice;

    ThrottleCause(String wireName, String advice) {
        this.wireName = wireName;
        this.advice = advice;
    }

    /** The snake_case name used in results files and JSON. */
    public String wireName() { return wireName; }

    /** One short line: what to do about it. */
    public String advice() { return advice; }

    /**
     * True for the causes our own sending rate produced (and for an unknown 429, as before causes were
     * told apart): the ones that sending less cures, so adaptive concurrency backs off for them only.
     */
    public boolean isRate() { return this == REQUEST_RATE || this == TOKEN_RATE || this == UNKNOWN; }

    /** The cause with this wire name, or null. */
    public static ThrottleCause named(String wireName) {
        for (ThrottleCause cause : values()) {
            if (cause.wireName.equals(wireName)) return cause;
        }
        return null;
    }
}
