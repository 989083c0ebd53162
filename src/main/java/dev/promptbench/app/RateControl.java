package dev.promptbench.app;

/**
 * How the run keeps to rate limits. The budgets apply to every endpoint that has none of its own
 * in the profile ({@code tpm:}, {@code rpm:}), each endpoint separately, as Azure's quota is per
 * deployment.
 *
 * @param rpm      requests per minute ({@code --rpm}), or null: derived from {@code tpm} when that is set
 * @param tpm      tokens per minute ({@code --tpm}), or null
 * @param adaptive adapt the requests in flight to the service's signals ({@code --adaptive})
 */
public record RateControl(Integer rpm, Integer tpm, boolean adaptive) {

    public RateControl {
        if (rpm != null && rpm < 1) throw new IllegalArgumentException("rpm must be at least 1, got " + rpm);
        if (tpm != null && tpm < 1) throw new IllegalArgumentException("tpm must be at least 1, got " + tpm);
    }

    /** No budgets, fixed concurrency. */
    public static RateControl none() {
        return new RateControl(null, null, false);
    }

    /** True when {@code --rpm} or {@code --tpm} was given. */
    public boolean budgeted() {
        return rpm != null || tpm != null;
    }
}
