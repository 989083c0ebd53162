package dev.promptbench.stats;

import dev.promptbench.results.request.ThrottleCause;
import java.util.List;
import java.util.Locale;

/**
 * Where more concurrency stops paying: the step after which throughput grows by less than 10%, p95
 * latency grows faster than throughput (the service queues instead of serving more), or errors or
 * 429s appear (where the step before had none); 429s for an exhausted quota or a capacity cut stop it with their cause named.
 *
 * @param threads the knee's concurrency, or null when there is too little to tell
 * @param reason  why, in one sentence with the figures and their noise
 */
public record Knee(Integer threads, String reason) {
    static final double MIN_GAIN = 0.10;

    /**
     * The knee of the steps that {@code ran} (ascending threads), those a stop cut short left out; {@code threads}
     * is null while throughput still pays.
     */
    public static Knee of(List<SweepStep> ran) {
        if (ran.isEmpty()) return new Knee(null, "no step ran");
        // A step a stop cut short measured fewer requests over less time: it is no point of the curve.
        List<SweepStep> steps = ran.stream().filter(step -> !step.partial()).toList();
        if (steps.isEmpty()) return new Knee(null, "withheld: no step ran whole");
        // Throughput of nothing that succeeded is no throughput: it neither grows nor stops growing.
        if (steps.stream().allMatch(step -> step.ok() == 0)) {
            return new Knee(null, "withheld: no step had a successful request");
        }
        if (steps.size() < 2) return new Knee(null, "a sweep needs at least two steps to find a knee");
        for (int i = 0; i + 1 < steps.size(); i++) {
            SweepStep here = steps.get(i);
            SweepStep next = steps.get(i + 1);
            if (here.ok() == 0) {
                return new Knee(null, "withheld: no request succeeded at " + here.threads()
                        + (here.threads() == 1 ? " thread" : " threads")
                        + ", so throughput cannot be compared from there");
            }
            if (next.ok() == 0) {
                return new Knee(here.threads(), String.format(Locale.ROOT,
                        "at %d threads no request succeeded (%d errors, %d 429s)", next.threads(), next.errors(),
                        next.rateLimited()));
            }
            // The service cut its limit or the quota ran out: a stop, named as such, not a limit of concurrency.
            for (ThrottleCause cause : List.of(ThrottleCause.QUOTA_EXHAUSTED, ThrottleCause.CAPACITY)) {
                long n = next.rateLimited(cause);
                if (n > 0) {
                    return new Knee(here.threads(), String.format(Locale.ROOT,
                            "stopped at %d threads by %d 429s %s, not by concurrency: %s", next.threads(), n,
                            cause.wireName(), cause.advice()));
                }
            }
            // Errors or 429s that were there at fewer threads already (injected, a flaky service) say nothing of
            // concurrency: only those that appear with more threads mark the knee.
            if ((next.errors() > 0 && here.errors() == 0) || (next.rateLimited() > 0 && here.rateLimited() == 0)) {
                return new Knee(here.threads(), String.format(Locale.ROOT,
                        "at %d threads %d errors and %d 429s appear%s", next.threads(), next.errors(),
                        next.rateLimited(), causes(next)));
            }
            double gain = next.rps().median() / here.rps().median() - 1;
            if (gain < MIN_GAIN) {
                return new Knee(here.threads(), String.format(Locale.ROOT,
                        "going to %d threads adds %+.0f%% throughput (%.2f → %.2f req/s%s)", next.threads(),
                        100 * gain, here.rps().median(), next.rps().median(), noise(here, next)));
            }
            if (here.p95Ms() != null && next.p95Ms() != null && here.p95Ms().median() > 0) {
                double slower = next.p95Ms().median() / here.p95Ms().median() - 1;
                if (slower > gain) {
                    return new Knee(here.threads(), String.format(Locale.ROOT,
                            "going to %d threads adds %+.0f%% throughput but %+.0f%% p95 latency (%.0f → %.0f ms)",
                            next.threads(), 100 * gain, 100 * slower, here.p95Ms().median(),
                            next.p95Ms().median()));
                }
            }
        }
        SweepStep last = steps.get(steps.size() - 1);
        return new Knee(null, "throughput still grows by 10% or more at " + last.threads()
                + " threads: try higher steps");
    }

    /** {@code " (token_rate 3, unknown 1)"}, or "" without 429s. */
    private static String causes(SweepStep step) {
        StringBuilder text = new StringBuilder();
        for (ThrottleCause cause : ThrottleCause.values()) {
            long n = step.rateLimited(cause);
            if (n > 0) text.append(text.length() == 0 ? " (" : ", ").append(cause.wireName()).append(' ').append(n);
        }
        return text.length() == 0 ? "" : text.append(')').toString();
    }

    private static String noise(SweepStep a, SweepStep b) {
        if (a.repeats().size() < 2) return "; one repeat, noise unknown: use --repeat";
        double spread = Math.max(a.rps().high() - a.rps().low(), b.rps().high() - b.rps().low());
        return String.format(Locale.ROOT, "; noise ±%.2f req/s (%s over %d repeats)", spread / 2, a.rps().kind().wireName(),
                a.repeats().size());
    }
}
