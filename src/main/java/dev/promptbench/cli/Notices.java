package dev.promptbench.cli;

import java.io.PrintWriter;

/** Lines for humans on stderr, silenced by {@code --quiet}; warnings always get through. */
record Notices(PrintWriter err, boolean quiet) {
    void say(String line) {
        if (quiet && !line.startsWith("warning:")) return;
        err.println(line);
        err.flush();
    }
}
