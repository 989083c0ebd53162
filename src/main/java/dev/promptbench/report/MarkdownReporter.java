package dev.promptbench.report;

import dev.promptbench.results.EndpointInfo;
import dev.promptbench.results.request.Mode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as GitHub-flavoured markdown, for a pull request or a CI step summary: a heading,
 * what ran against what, the table reporter's columns as a markdown table, and its notes as a list.
 */
public final class MarkdownReporter implements Reporter {

    @Override
    public void write(RunReport report, PrintWriter out) {
        out.println("### promptbench: " + escape(modes(report)));
        out.println();
        out.println(escape(context(report)));
        out.println();
        List<TableReporter.Column> columns = TableReporter.columns(report);
        out.println(row(columns.stream().map(TableReporter.Column::heading).toList()));
        List<String> alignment = new ArrayList<>();
        // The mode names read left to right; every other column holds a number and lines up on the right.
        for (int c = 0; c < columns.size(); c++) alignment.add(c == 0 ? ":---" : "---:");
        out.println("|" + String.join("|", alignment) + "|");
        report.modes().values().forEach(results -> out.println(row(columns.stream()
                .map(c -> c.cell().apply(results)).toList())));
        List<String> notes = TableReporter.notes(report);
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(line -> out.println("- " + escape(line)));
        }
        out.println();
        out.println("<sub>" + escape(TableReporter.legend(report)) + "</sub>");
        out.flush();
    }

    private static String modes(RunReport report) {
        return String.join(" vs ", report.modes().keySet().stream().map(Mode::wireName).toList());
    }

    /** What ran against what: one line, so a step summary says which endpoint the numbers are for. */
    private static String context(RunReport report) {
        EndpointInfo endpoint = report.endpoint();
        StringBuilder line = new StringBuilder();
        if (report.simulated()) {
            line.append("built-in simulator (no API calls)");
        } else {
            line.append(endpoint.kind()).append(' ').append(endpoint.url());
            if (endpoint.deployment() != null) line.append(" · deployment ").append(endpoint.deployment());
            else if (endpoint.model() != null) line.append(" · model ").append(endpoint.model());
        }
        line.append(" · ").append(report.prompts()).append(report.prompts() == 1 ? " prompt" : " prompts");
        if (report.config() != null) {
            line.append(" · ").append(report.config().mode() == null ? null : report.config().mode().wireName());
        }
        if (report.modes().containsKey(Mode.PARALLEL)) {
            line.append(" · ").append(report.threads()).append(" threads");
        }
        if (report.repeats() > 1) line.append(String.format(Locale.ROOT, " · %d repeats", report.repeats()));
        if (report.config() != null && report.config().stream()) line.append(" · streamed");
        if (report.version() != null) line.append(" · promptbench ").append(report.version());
        return line.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder line = new StringBuilder("|");
        for (String cell : cells) line.append(' ').append(escape(cell)).append(" |");
        return line.toString();
    }

    /** Backslash-escapes what markdown would read as markup: a pipe would split a cell, an underscore italicise. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*_[]<>|#".indexOf(c) >= 0) escaped.append('\\');
            escaped.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return escaped.toString();
    }
}
