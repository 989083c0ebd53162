package dev.promptbench.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Several runs as one CSV: each file's rows exactly as {@code report FILE --format csv} writes them, with
 * the file in a first {@code results_file} column, so the runs can be filtered and charted together. The
 * ratios between runs are in the table, markdown and JSON outputs.
 */
public final class SideBySideCsv implements SideBySideReporter {

    @Override
    public void write(SideBySide runs, PrintWriter out) {
        List<String> header = new ArrayList<>(List.of("results_file"));
        header.addAll(CsvReporter.names());
        out.print(CsvReporter.line(header));
        for (SideBySide.Run run : runs.runs()) {
            for (List<String> fields : CsvReporter.fields(run.report())) {
                List<String> row = new ArrayList<>(List.of(run.report().resultsFile()));
                row.addAll(fields);
                out.print(CsvReporter.line(row));
            }
        }
        out.flush();
    }
}
