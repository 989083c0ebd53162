package dev.promptbench.report;

import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.Comparison;
import dev.promptbench.stats.ModeResults;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.Percentiles;
import dev.promptbench.stats.Spread;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The comparison as an aligned plain-text table, one row per mode, for terminals and logs. When the table
 * is wider than the terminal it stacks the modes instead (each mode's figures as "name value" pairs under
 * its name), and the lines under it are broken between words, so nothing is left to the terminal's wrapping.
 */
public final class TableReporter implements Reporter {

    /** One column: its heading and how a mode's results fill it. */
    record Column(String heading, Function<ModeResults, String> cell) {}

    private static final String INDENT = "  ";
    private static final String GAP = "   ";

    private final int width;

    /** A table as wide as it needs. */
    public TableReporter() {
        this(Integer.MAX_VALUE);
    }

    /** @param width the most characters a line may have (the terminal's columns) */
    public TableReporter(int width) {
        this.width = Math.max(20, width);
    }

    @Override
    public void write(RunReport report, PrintWriter out) {
        List<Column> columns = columns(report);
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::heading).toArray(String[]::new));
        report.modes().values().forEach(results -> rows.add(columns.stream()
                .map(c -> c.cell().apply(results)).toArray(String[]::new)));
        List<String> table = aligned(rows);
        if (table.stream().allMatch(line -> line.length() <= width)) {
            table.forEach(out::println);
        } else {
            stacked(rows).forEach(out::println);
        }
        out.println();
        notes(report).forEach(line -> wrap(line).forEach(out::println));
        wrap(legend(report)).forEach(out::println);
        if (report.batch() != null) BatchPartsTable.write(report.batch(), width, out);
        out.flush();
    }

    /** Each mode under its name, its figures as "heading value" pairs filling lines of at most the width. */
    private List<String> stacked(List<String[]> rows) {
        String[] headings = rows.get(0);
        List<String> lines = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            lines.add(row[0]);
            StringBuilder line = new StringBuilder(INDENT);
            for (int c = 1; c < row.length; c++) {
                String pair = headings[c] + " " + row[c];
                if (line.length() > INDENT.length() && line.length() + GAP.length() + pair.length() > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(INDENT);
                }
                if (line.length() > INDENT.length()) line.append(GAP);
                line.append(pair);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * {@code text} broken between words into lines of at most the width (a word longer than that, such as a
     * long path, stays whole), the later lines indented.
     */
    private List<String> wrap(String text) {
        if (text.length() <= width) return List.of(text);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            boolean fresh = line.length() == 0 || (lines.size() > 0 && line.length() == INDENT.length());
            if (!fresh && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(INDENT);
                fresh = true;
            }
            if (!fresh) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * The lines under the table, before the legend: the comparison (or efficiency), open-loop rates,
     * spreads over repeats, per-mode notes and the 429s by cause with what to do. Shared with the markdown
     * report.
     */
    static List<String> notes(RunReport report) {
        List<String> lines = new ArrayList<>();
        ModeResults parallel = report.modes().get(Mode.PARALLEL);
        if (report.comparison() != null && parallel != null) {
            lines.add(comparisonLine(report.comparison(), parallel.headline()));
        } else if (parallel != null && parallel.headline().lowerBoundMs() != null) {
            lines.add(efficiencyLine(parallel.headline()));
        }
        for (ModeResults results : report.modes().values()) {
            ModeSummary s = results.headline();
            if (s.rate() != null) {
                lines.add(String.format(Locale.ROOT, "%s: open-loop %s asked, %.2f/s achieved; waited for a free "
                        + "worker p50 %s, p99 %s (counted in latency)", s.mode().wireName(), s.rate().arrival(),
                        s.rate().achieved(), s.queue() == null ? "-" : duration(s.queue().p50()),
                        s.queue() == null ? "-" : duration(s.queue().p99())));
            }
        }
        if (report.repeats() > 1) lines.add(repeatsLine(report));
        notesLines(report, lines);
        ThrottleAdvice.of(report).forEach(advice -> lines.add(advice.line()));
        return lines;
    }

    /** The table's columns for this report (ttft/tpot only when something was streamed). */
    static List<Column> columns(RunReport report) {
        boolean streamed = report.modes().values().stream().anyMatch(m -> m.headline().stream() != null);
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("mode", m -> m.headline().mode().wireName()));
        columns.add(new Column("wall", m -> duration(m.wallMs().median())));
        columns.add(new Column("req/s", m -> String.format(Locale.ROOT, "%.2f", m.headline().requestsPerS())));
        columns.add(new Column("p50", m -> percentile(m.headline().latency(), Percentiles::p50)));
        columns.add(new Column("p95", m -> percentile(m.headline().latency(), Percentiles::p95)));
        columns.add(new Column("max", m -> percentile(m.headline().latency(), Percentiles::max)));
        if (streamed) {
            columns.add(new Column("ttft p50", m -> streamCell(m, true, false)));
            columns.add(new Column("ttft p95", m -> streamCell(m, true, true)));
            columns.add(new Column("tpot p50", m -> streamCell(m, false, false)));
        }
        if (TokenFigures.anyFirstReasoning(report.modes().values())) {
            // A reasoning model's thinking before its first visible token: only where a stream showed it.
            columns.add(new Column("reason p50", m -> percentile(firstReasoning(m), Percentiles::p50)));
            columns.add(new Column("reason p95", m -> percentile(firstReasoning(m), Percentiles::p95)));
        }
        columns.add(new Column("prompt tok", m -> orDash(m.headline().tokens().prompt())));
        columns.add(new Column("compl tok", m -> orDash(m.headline().tokens().completion())));
        if (TokenFigures.showReasoning(report.modes().values())) {
            columns.add(new Column("reasoning", m -> TokenFigures.reasoning(m.headline())));
        }
        if (TokenFigures.showCached(report.modes().values())) {
            columns.add(new Column("cached", m -> TokenFigures.cached(m.headline())));
        }
        columns.add(new Column("out tok/s", m -> m.headline().tokens().completionPerS() == null ? "-"
                : String.format(Locale.ROOT, "%.0f", m.headline().tokens().completionPerS())));
        if (TokenFigures.anyCost(report.modes().values())) {
            columns.add(new Column("cost", m -> TokenFigures.cost(m.headline())));
            columns.add(new Column("cost/1k", m -> TokenFigures.costPer1k(m.headline())));
        }
        columns.add(new Column("errors", m -> Long.toString(m.headline().errors())));
        return columns;
    }

    private static String orDash(Long count) {
        return count == null ? "-" : count.toString();
    }

    private static String streamCell(ModeResults m, boolean ttft, boolean p95) {
        ModeSummary.StreamPercentiles stream = m.headline().stream();
        if (stream == null) return "-";
        Percentiles p = ttft ? stream.ttft() : stream.tpot();
        return percentile(p, p95 ? Percentiles::p95 : Percentiles::p50);
    }

    private static Percentiles firstReasoning(ModeResults m) {
        return m.headline().stream() == null ? null : m.headline().stream().firstReasoning();
    }

    private static String percentile(Percentiles p, Function<Percentiles, Double> which) {
        return p == null ? "-" : duration(which.apply(p));
    }

    private static String comparisonLine(Comparison comparison, ModeSummary parallel) {
        StringBuilder line = new StringBuilder();
        if (comparison.speedup() == null) {
            line.append("speedup not shown: ").append(comparison.withheld());
        } else {
            line.append(String.format(Locale.ROOT, "speedup %.2fx", comparison.speedup()));
        }
        if (parallel.lowerBoundMs() != null) line.append(" · ").append(efficiencyLine(parallel));
        return line.toString();
    }

    private static String efficiencyLine(ModeSummary parallel) {
        String efficiency = parallel.efficiency() == null ? "-"
                : String.format(Locale.ROOT, "%.0f%%", 100 * parallel.efficiency());
        return "parallel efficiency " + efficiency + " of ideal (lower bound " + duration(parallel.lowerBoundMs())
                + " on " + parallel.threads() + " threads)";
    }

    private static String repeatsLine(RunReport report) {
        StringBuilder line = new StringBuilder("over " + report.repeats() + " repeats (median, ");
        ModeResults any = report.modes().values().iterator().next();
        line.append(any.wallMs().kind() == Spread.Kind.IQR ? "interquartile range" : "min–max").append("):");
        report.modes().values().forEach(m -> line.append(" ").append(m.headline().mode().wireName())
                .append(" wall ").append(range(m.wallMs())));
        Spread speedup = report.comparison() == null ? null : report.comparison().spread();
        if (speedup != null) {
            line.append(String.format(Locale.ROOT, " · speedup %.2fx (%.2f–%.2f)", speedup.median(), speedup.low(),
                    speedup.high()));
        }
        boolean pooled = report.modes().values().stream().allMatch(ModeResults::pooled);
        line.append(pooled ? " · latency percentiles over the requests of all " + report.repeats() + " repeats"
                : " · latency percentiles of the median repeat");
        return line.toString();
    }

    private static String range(Spread spread) {
        return duration(spread.low()) + "–" + duration(spread.high());
    }

    private static void notesLines(RunReport report, List<String> lines) {
        for (ModeResults results : report.modes().values()) {
            ModeSummary s = results.headline();
            StringBuilder line = new StringBuilder();
            if (s.filtered() > 0) line.append(", ").append(s.filtered()).append(" filtered");
            if (s.refused() != null && s.refused() > 0) {
                line.append(", ").append(s.refused()).append(s.refused() == 1 ? " answer" : " answers")
                        .append(" refused by the model (ok, see each record's refusal)");
            }
            if (s.notRun() > 0) line.append(", ").append(s.notRun()).append(" not run");
            s.errorsByKind().forEach((kind, n) -> line.append(", ").append(n).append(" ").append(kind));
            if (s.retries() > 0) {
                line.append(", ").append(s.retries()).append(s.retries() == 1 ? " retry" : " retries");
                if (s.retriesAfterSend() > 0) line.append(" (").append(s.retriesAfterSend()).append(" after send)");
            }
            if (s.rateLimited() > 0) line.append(", ").append(s.rateLimited()).append(" answered 429");
            if (s.waitMs() > 0) line.append(", ").append(duration(s.waitMs())).append(" waiting between attempts");
            long withoutUsage = s.tokens().withoutUsage();
            if (withoutUsage > 0) {
                line.append(", ").append(withoutUsage).append(withoutUsage == 1 ? " answer" : " answers")
                        .append(" without usage (tokens unknown)");
            }
            if (s.stream() != null && s.stream().estimatedTokens() > 0) {
                line.append(", ").append(s.stream().estimatedTokens()).append(" token counts estimated (no usage)");
            }
            String below = TokenFigures.servedBelow(s, report.config());
            if (below != null) line.append(", ").append(below);
            long unpriced = s.billing().unpriced();
            if (unpriced > 0 && s.billing().cost() != null) {
                line.append(", ").append(unpriced).append(unpriced == 1 ? " answer" : " answers")
                        .append(" without a known cost (not in the cost)");
            }
            if (line.length() > 0) lines.add(s.mode().wireName() + ": " + line.substring(2));
        }
        for (Mode mode : report.modesNotRun()) {
            lines.add(mode.wireName() + ": did not run (the run stopped before it began)");
        }
    }

    static String legend(RunReport report) {
        boolean streamed = report.modes().values().stream().anyMatch(m -> m.headline().stream() != null);
        boolean batch = report.modes().containsKey(Mode.BATCH);
        return (batch ? "wall = submission to the last batch's end (the Batch API does not time each request)"
                : "wall = first request sent to last answer recorded")
                + " · latency percentiles over successful requests"
                + (streamed ? " · ttft = time to first token · tpot = time per output token after the first "
                        + TokenFigures.tpotBasis(report.modes().values()) : "")
                + (TokenFigures.anyFirstReasoning(report.modes().values())
                        ? " · reason = time to the first reasoning event (streams that showed one)" : "")
                + " · tokens as reported by the service"
                + (TokenFigures.anyCost(report.modes().values()) ? " · " + TokenFigures.pricesBasis(report.config())
                        : "")
                + (report.resultsFile() == null ? "" : " · per-request records: " + report.resultsFile());
    }

    private static List<String> aligned(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) widths[c] = Math.max(widths[c], row[c].length());
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) line.append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** 850 ms, 1.23 s, 2m 05s: short and unambiguous. */
    static String duration(double ms) {
        if (ms < 1) return String.format(Locale.ROOT, "%.2f ms", ms);
        if (ms < 1000) return String.format(Locale.ROOT, "%.0f ms", ms);
        if (ms < 120_000) return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        long seconds = Math.round(ms / 1000);
        return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
}
