package dev.promptbench.report;

import dev.promptbench.stats.Comparison;
import dev.promptbench.stats.Percentiles;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.run.Mode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison as an aligned plain-text table, one row per mode, for terminals and logs. */
public final class TableReporter implements Reporter {
    private static final String[] HEADER = {"mode", "wall", "req/s", "p50", "p95", "max", "prompt tok",
        "compl tok", "out tok/s", "errors"};

    @Override
    public void write(RunReport report, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        report.modes().values().forEach(summary -> rows.add(row(summary)));
        printAligned(rows, out);
        out.println();
        ModeSummary parallel = report.modes().get(Mode.PARALLEL);
        if (report.comparison() != null && parallel != null) {
            out.println(comparisonLine(report.comparison(), parallel));
        } else if (parallel != null && parallel.lowerBoundMs() != null) {
            out.println(efficiencyLine(parallel));
        }
        notRunOrFiltered(report, out);
        out.println(legend(report));
        out.flush();
    }

    private static String[] row(ModeSummary s) {
        Percentiles latency = s.latency();
        return new String[] {
            s.mode().wireName(),
            duration(s.wallMs()),
            String.format(Locale.ROOT, "%.2f", s.requestsPerS()),
            latency == null ? "-" : duration(latency.p50()),
            latency == null ? "-" : duration(latency.p95()),
            latency == null ? "-" : duration(latency.max()),
            Long.toString(s.promptTokens()),
            Long.toString(s.completionTokens()),
            String.format(Locale.ROOT, "%.0f", s.completionTokensPerS()),
            Long.toString(s.errors()),
        };
    }

    private static String comparisonLine(Comparison comparison, ModeSummary parallel) {
        StringBuilder line = new StringBuilder();
        if (comparison.speedup() == null) {
            line.append("speedup not shown: the modes ended with different error counts");
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

    private static void notRunOrFiltered(RunReport report, PrintWriter out) {
        for (ModeSummary s : report.modes().values()) {
            StringBuilder line = new StringBuilder();
            if (s.filtered() > 0) line.append(", ").append(s.filtered()).append(" filtered");
            if (s.notRun() > 0) line.append(", ").append(s.notRun()).append(" not run");
            s.errorsByKind().forEach((kind, n) -> line.append(", ").append(n).append(" ").append(kind));
            if (s.retries() > 0) {
                line.append(", ").append(s.retries()).append(s.retries() == 1 ? " retry" : " retries");
                if (s.retriesAfterSend() > 0) line.append(" (").append(s.retriesAfterSend()).append(" after send)");
            }
            if (s.rateLimited() > 0) line.append(", ").append(s.rateLimited()).append(" answered 429");
            if (s.waitMs() > 0) line.append(", ").append(duration(s.waitMs())).append(" waiting between attempts");
            if (line.length() > 0) out.println(s.mode().wireName() + ": " + line.substring(2));
        }
    }

    private static String legend(RunReport report) {
        return "wall = first request sent to last answer recorded · latency percentiles over successful requests"
                + " · tokens as reported by the service" + (report.resultsFile() == null ? ""
                : " · per-request records: " + report.resultsFile());
    }

    private static void printAligned(List<String[]> rows, PrintWriter out) {
        int columns = HEADER.length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) widths[c] = Math.max(widths[c], row[c].length());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) line.append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
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
