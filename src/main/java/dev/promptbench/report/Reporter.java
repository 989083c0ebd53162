package dev.promptbench.report;

import java.io.PrintWriter;

/** Writes a finished run in one format to an injected writer. */
@FunctionalInterface
public interface Reporter {
    void write(RunReport report, PrintWriter out);
}
