package dev.promptbench.report;

import java.io.PrintWriter;

/** Writes several runs side by side in one output format. */
public interface SideBySideReporter {
    void write(SideBySide runs, PrintWriter out);
}
