package dev.promptbench.report;

import java.io.PrintWriter;
import java.util.List;

/** Several runs side by side as GitHub-flavoured markdown: the table's figures and lines, escaped. */
public final class SideBySideMarkdown implements SideBySideReporter {

    @Override
    public void write(SideBySide runs, PrintWriter out) {
        out.println("### promptbench: " + MarkdownReporter.escape(String.join(" vs ",
                runs.runs().stream().map(SideBySide.Run::name).toList())));
        out.println();
        List<SideBySideRows.Row> rows = SideBySideRows.rows(runs);
        out.println(row("", rows.get(0).cells()));
        // Figure names read left to right; the runs' figures line up on the right.
        out.println("|:---|" + "---:|".repeat(runs.columns().size()));
        rows.subList(1, rows.size()).forEach(r -> out.println(row(r.heading(), r.cells())));
        List<String> lines = new java.util.ArrayList<>(SideBySideRows.comparison(runs));
        lines.addAll(SideBySideRows.notes(runs));
        out.println();
        lines.forEach(line -> out.println("- " + MarkdownReporter.escape(line)));
        out.println();
        out.println("<sub>" + MarkdownReporter.escape(SideBySideRows.legend(runs)) + "</sub>");
        out.flush();
    }

    private static String row(String heading, List<String> cells) {
        StringBuilder line = new StringBuilder("| ").append(MarkdownReporter.escape(heading)).append(" |");
        for (String cell : cells) line.append(' ').append(MarkdownReporter.escape(cell)).append(" |");
        return line.toString();
    }
}
