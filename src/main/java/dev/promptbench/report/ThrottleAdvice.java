package dev.promptbench.report;

import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the run was throttled: the 429s of each cause over the modes, each with one short line of what
 * to do about it. Shared by the table, markdown and HTML reports.
 *
 * @param cause  the cause
 * @param count  429s of that cause over the modes' headline summaries
 * @param byMode where they came, e.g. {@code parallel 12, sequential 1}
 */
public record ThrottleAdvice(ThrottleCause cause, long count, String byMode) {

    /** One entry per cause met, in the causes' order; empty when no 429 came. */
    public static List<ThrottleAdvice> of(RunReport report) {
        List<ThrottleAdvice> advice = new ArrayList<>();
        for (ThrottleCause cause : ThrottleCause.values()) {
            long count = 0;
            List<String> where = new ArrayList<>();
            for (ModeResults results : report.modes().values()) {
                ModeSummary s = results.headline();
                long n = s.attempts().rateLimited(cause);
                if (n > 0) where.add(s.mode().wireName() + " " + n);
                count += n;
            }
            if (count > 0) advice.add(new ThrottleAdvice(cause, count, String.join(", ", where)));
        }
        return advice;
    }

    /** One line for the terminal: {@code 429 token_rate: 12 (parallel 12) — pace tokens: ...}. */
    public String line() {
        return "429 " + cause.wireName() + ": " + count + " (" + byMode + ") — " + cause.advice();
    }
}
