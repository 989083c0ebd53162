package dev.promptbench.report;

import java.io.PrintWriter;
import java.util.List;

/**
 * Several runs side by side as an aligned plain-text table: one row per figure, one column per run and
 * mode, then each later run against the first, the runs' own notes and the legend.
 */
public final class SideBySideTable implements SideBySideReporter {

    @Override
    public void write(SideBySide runs, PrintWriter out) {
        List<SideBySideRows.Row> rows = SideBySideRows.rows(runs);
        int headingWidth = rows.stream().mapToInt(r -> r.heading().length()).max().orElse(0);
        int[] widths = new int[runs.columns().size()];
        for (SideBySideRows.Row row : rows) {
            for (int c = 0; c < widths.length; c++) widths[c] = Math.max(widths[c], row.cells().get(c).length());
        }
        for (SideBySideRows.Row row : rows) {
            StringBuilder line = new StringBuilder(row.heading().equals("run") ? "" : row.heading());
            line.append(" ".repeat(headingWidth - line.length() + 2));
            for (int c = 0; c < widths.length; c++) {
                String cell = row.cells().get(c);
                line.append(cell);
                if (c < widths.length - 1) line.append(" ".repeat(widths[c] - cell.length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        SideBySideRows.comparison(runs).forEach(out::println);
        SideBySideRows.notes(runs).forEach(out::println);
        out.println(SideBySideRows.legend(runs));
        out.flush();
    }
}
