package dev.promptbench.report;

import dev.promptbench.stats.ModeResults;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the table and markdown outputs of several runs show: one row per figure (the run table's columns,
 * with the counts), one cell per run and mode; the comparison's lines and the legend. One wording for both.
 */
final class SideBySideRows {
    private SideBySideRows() {}

    /** A figure's row: its name and one cell per column. */
    record Row(String heading, List<String> cells) {}

    static List<Row> rows(SideBySide runs) {
        List<Row> rows = new ArrayList<>();
        rows.add(row(runs, "run", c -> c.name()));
        rows.add(row(runs, "mode", c -> c.mode().wireName()));
        rows.add(row(runs, "requests", c -> Long.toString(c.results().headline().requests())));
        rows.add(row(runs, "ok", c -> Long.toString(c.results().headline().ok())));
        rows.add(row(runs, "not run", c -> Long.toString(c.results().headline().notRun())));
        for (TableReporter.Column figure : figures(runs)) {
            rows.add(row(runs, figure.heading(), c -> figure.cell().apply(c.results())));
        }
        return rows;
    }

    private static Row row(SideBySide runs, String heading, java.util.function.Function<SideBySide.Column, String> cell) {
        return new Row(heading, runs.columns().stream().map(cell).toList());
    }

    /**
     * Every run table's columns but the mode, in the run table's order: a figure one run shows (TTFT of a
     * streamed run, cost of a priced one) is a row for all, "-" where a run does not know it.
     */
    private static List<TableReporter.Column> figures(SideBySide runs) {
        List<TableReporter.Column> merged = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SideBySide.Run run : runs.runs()) {
            int at = 0;
            for (TableReporter.Column column : TableReporter.columns(run.report())) {
                if (column.heading().equals("mode")) continue;
                if (seen.add(column.heading())) {
                    merged.add(at, column);
                    at++;
                } else {
                    at = indexOf(merged, column.heading()) + 1;
                }
            }
        }
        return merged;
    }

    private static int indexOf(List<TableReporter.Column> columns, String heading) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).heading().equals(heading)) return i;
        return -1;
    }

    /** One line per later run: its ratios against the first run, or why they are withheld. */
    static List<String> comparison(SideBySide runs) {
        List<String> lines = new ArrayList<>();
        for (SideBySide.Versus v : runs.comparison()) {
            String head = SideBySide.label(v.other()) + " against " + SideBySide.label(v.baseline()) + ": ";
            if (v.withheld() != null) {
                lines.add(head + "not compared: " + v.withheld());
                continue;
            }
            List<String> parts = new ArrayList<>();
            parts.add(v.wallRatio() == null ? "wall not compared: " + v.wallWithheld()
                    : String.format(Locale.ROOT, "wall %s (%.2fx) · req/s %.2fx", TableReporter.duration(
                            v.other().results().wallMs().median()), v.wallRatio(), v.requestsPerSRatio()));
            parts.add(v.costPer1kRatio() == null ? "cost not compared: " + v.costWithheld()
                    : String.format(Locale.ROOT, "cost/1k %s (%.2fx)",
                            TokenFigures.costPer1k(v.other().results().headline()), v.costPer1kRatio()));
            lines.add(head + String.join(" · ", parts));
        }
        return lines;
    }

    /** Each run's own notes (errors by kind, retries, ...), its name first. */
    static List<String> notes(SideBySide runs) {
        List<String> lines = new ArrayList<>();
        for (SideBySide.Run run : runs.runs()) {
            for (String note : TableReporter.notes(run.report())) lines.add(run.name() + ": " + note);
        }
        return lines;
    }

    /** What the figures mean, and where each run's prices came from. */
    static String legend(SideBySide runs) {
        boolean batch = runs.columns().stream().anyMatch(c -> c.mode() == dev.promptbench.results.request.Mode.BATCH);
        boolean online = runs.columns().stream().anyMatch(c -> c.mode() != dev.promptbench.results.request.Mode.BATCH);
        StringBuilder legend = new StringBuilder(online ? "wall = first request sent to last answer recorded" : "");
        if (batch) {
            legend.append(online ? " (a batch: " : "wall = ").append("submission to the last batch's end")
                    .append(online ? ", the Batch API does not time each request)" : " (the Batch API does not time "
                            + "each request)");
        }
        legend.append(" · latency percentiles over successful requests · tokens as reported by the service");
        List<ModeResults> all = runs.columns().stream().map(SideBySide.Column::results).toList();
        if (TokenFigures.anyCost(all)) {
            for (SideBySide.Run run : runs.runs()) {
                if (TokenFigures.anyCost(run.report().modes().values())) {
                    legend.append(" · ").append(run.name()).append(": ")
                            .append(TokenFigures.pricesBasis(run.report().config()));
                }
            }
        }
        legend.append(" · ratios = the later run's figure over the first run's (its parallel mode when it ran)");
        return legend.toString();
    }
}
