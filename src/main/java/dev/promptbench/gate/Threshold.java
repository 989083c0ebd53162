package dev.promptbench.gate;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CI gate: a condition on the run (a metric of its statistics, or a value in its {@code --format json}
 * document) that, when it holds, fails the run.
 *
 * <p>Grammar (spaces optional, aliases and units case-insensitive):
 * <pre>
 * threshold := metric op value
 * metric    := [mode "."] alias | json-pointer
 * mode      := "sequential" | "parallel"
 * alias     := p50 | p90 | p95 | p99 | max                   latency, over successful requests
 *            | ttft_p50 | ttft_p90 | ttft_p95 | ttft_p99      time to first token (needs --stream)
 *            | tpot_p50 | tpot_p90 | tpot_p95 | tpot_p99      time per output token (needs --stream)
 *            | error_rate                                    errors / requests that ran, in percent
 *            | errors | rate_limited | retries               counts
 *            | rps | tokens_per_s                            requests_per_s, completion_tokens_per_s
 *            | wall                                          wall_ms
 *            | speedup                                       run-wide: never takes a mode
 *            | efficiency                                    parallel only: a fraction 0..1
 * json-pointer := ("/" segment)+                            RFC 6901, e.g. /modes/parallel/wall_ms
 * op        := "&gt;" | "&gt;=" | "&lt;" | "&lt;="
 * value     := number unit | ("+" | "-") number "%"          the second form needs a baseline
 * number    := digits ["." digits] | "." digits
 * unit      := "ms" | "s" | "%" | ""
 * </pre>
 *
 * <p>The threshold names when to FAIL: {@code p95>2s} fails when p95 exceeds 2 s. Times must carry
 * {@code ms} or {@code s}; {@code error_rate} takes {@code %} or no unit (both mean percent);
 * {@code efficiency} takes a fraction ({@code 0.9}) or a percentage ({@code 90%}); the other aliases are
 * plain numbers. A JSON Pointer's value is compared as it stands in the document (no unit or {@code ms}),
 * {@code s} multiplies the number by 1000 (the document's times are milliseconds) and {@code %} divides
 * it by 100 (for fractions). A signed {@code +N%} or {@code -N%} is relative to the baseline's value of the
 * same metric: {@code p95>+20%} fails when p95 exceeds the baseline's p95 × 1.20, {@code speedup<-10%}
 * when speedup falls below the baseline's × 0.90.
 *
 * <p>An unqualified per-mode alias reads the parallel mode when it ran, else the only mode that ran;
 * the baseline is read in the same mode. Latency percentiles, throughput and wall time are the reported
 * figures (the median repeat under {@code --repeat}); {@code error_rate} and the counts add up every repeat.
 * A metric without a value in the run ({@code ttft_p95} without {@code --stream}, {@code speedup} when
 * only one mode ran) fails the gate rather than passing silently: a CI gate that cannot see must not
 * say yes.
 *
 * @param text     the threshold as written
 * @param target   what it reads
 * @param op       the failing comparison
 * @param value    the limit in the document's unit, or the signed percent change for a relative threshold
 * @param relative true for the {@code +N%}/{@code -N%} form
 */
public record Threshold(String text, Target target, Op op, double value, boolean relative) {

    /** The grammar for {@code --help}: lines separated by {@code %n} and percent signs doubled, as picocli expects. */
    public static final String GRAMMAR =
            "EXPR is <metric> <op> <number>[unit] and says when to FAIL (exit 3); spaces are optional: "
            + "p95>2s, error_rate>1%%, sequential.p95<=800ms, speedup<3, efficiency<90%%.%n"
            + "<metric>: p50 p90 p95 p99 max (latency); ttft_p50 ttft_p90 ttft_p95 ttft_p99 and tpot_p50 tpot_p90 "
            + "tpot_p95 tpot_p99 (with --stream); error_rate (errors / requests that ran, in %%); errors; rps; "
            + "tokens_per_s; wall; speedup; efficiency; rate_limited; retries; cost and cost_per_1k (in the prices' "
            + "currency). Prefix sequential. or parallel. to "
            + "pick a mode (default: parallel when it ran, else the only mode), or give a JSON Pointer into the "
            + "--format json document, e.g. /modes/parallel/latency_ms/p99.%n"
            + "<op>: > >= < <=.%n"
            + "Units: ms or s for times (required); %% or none for error_rate; 0.9 or 90%% for efficiency; none for "
            + "the rest. A JSON Pointer's value compares as is (none or ms), s multiplies by 1000, %% divides by 100.%n"
            + "With --baseline, +N%% or -N%% is relative to the baseline's value: p95>+20%% fails when p95 exceeds "
            + "1.2 x the baseline's p95, speedup<-10%% when speedup falls below 0.9 x the baseline's.%n"
            + "A metric with no value in this run (ttft without --stream) fails. Request errors then count only "
            + "through thresholds: exit 3 when one is breached, else 0.";

    private static final String OPERATOR_CHARS = "<>=!";
    private static final Pattern VALUE = Pattern.compile("([+-]?)(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(.*)");

    /**
     * Parses one threshold.
     *
     * @throws GateException with a one-line message naming the threshold and what is wrong
     */
    public static Threshold parse(String text) {
        try {
            return parseChecked(text);
        } catch (IllegalArgumentException e) {
            throw new GateException("'" + text + "': " + e.getMessage());
        }
    }

    private static Threshold parseChecked(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) throw new IllegalArgumentException("empty threshold: write <metric> <op> <number>[unit], e.g. p95>2s");
        int at = indexOfOperator(s);
        if (at < 0) throw new IllegalArgumentException("no comparison: use > >= < <= (e.g. p95>2s)");
        String metricText = s.substring(0, at).strip();
        if (metricText.isEmpty()) throw new IllegalArgumentException("no metric before the comparison (e.g. p95>2s)");
        int end = at;
        while (end < s.length() && OPERATOR_CHARS.indexOf(s.charAt(end)) >= 0) end++;
        String opText = s.substring(at, end);
        Op op = Op.of(opText).orElseThrow(() -> new IllegalArgumentException(
                "unknown comparison '" + opText + "': use > >= < <="));
        Target target = Target.parse(metricText);
        String valueText = s.substring(end).strip();
        if (valueText.isEmpty()) throw new IllegalArgumentException("no number after '" + opText + "'");
        Matcher m = VALUE.matcher(valueText);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad number '" + valueText + "': write e.g. 2s, 800ms, 1%, 3 or +20%");
        }
        double number = Double.parseDouble(m.group(2));
        String unit = m.group(3).strip().toLowerCase(Locale.ROOT);
        if (!unit.isEmpty() && !unit.equals("ms") && !unit.equals("s") && !unit.equals("%")) {
            throw new IllegalArgumentException("unknown unit '" + m.group(3).strip() + "': use ms, s or %");
        }
        if (!m.group(1).isEmpty()) {
            if (!unit.equals("%")) {
                throw new IllegalArgumentException("a signed number is a change against --baseline and ends in %"
                        + " (e.g. " + metricText + opText + "+20%)");
            }
            return new Threshold(s, target, op, m.group(1).equals("-") ? -number : number, true);
        }
        return new Threshold(s, target, op, target.quantity().toJson(metricText, number, unit), false);
    }

    private static int indexOfOperator(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (OPERATOR_CHARS.indexOf(s.charAt(i)) >= 0) return i;
        }
        return -1;
    }

    /**
     * Checks this threshold against a run.
     *
     * @param run      the run
     * @param baseline a saved run to compare with, or null (relative thresholds then fail)
     */
    public Verdict evaluate(GatedRun run, GatedRun baseline) {
        Target bound = target.resolve(run);
        String label = bound.label();
        Quantity quantity = bound.quantity();
        Reading actual = bound.read(run);
        if (!actual.present()) return missing(label, null, actual, "this run");
        double limit = value;
        String basis = "";
        if (relative) {
            Optional<Reading> base = Optional.ofNullable(baseline).map(bound::read);
            if (base.isEmpty()) {
                return new Verdict(text, label, actual.value(), null, false,
                        label + ": a relative threshold needs --baseline");
            }
            if (!base.get().present()) return missing(label, actual.value(), base.get(), "the baseline");
            limit = base.get().value() * (1 + value / 100.0);
            basis = " (baseline " + quantity.format(base.get().value()) + " " + (value >= 0 ? "+" : "")
                    + Quantity.trim(value, 3) + "%)";
        }
        boolean fails = op.fails(actual.value(), limit);
        String shown = label + " " + quantity.format(actual.value());
        String message = fails
                ? shown + " " + op.symbol() + " " + quantity.format(limit) + basis
                : shown + " (fails when " + op.symbol() + " " + quantity.format(limit) + basis + ")";
        return new Verdict(text, label, actual.value(), limit, !fails, message);
    }

    private Verdict missing(String label, Double actual, Reading reading, String where) {
        String hint = reading.hint() == null ? "" : " (" + reading.hint() + ")";
        return new Verdict(text, label, actual, null, false, label + ": " + reading.problem() + " in " + where + hint);
    }
}
