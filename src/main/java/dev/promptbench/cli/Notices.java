package dev.promptbench.cli;

import java.io.PrintWriter;

/** Lines for humans on stderr, silenced by {@code --quiet}; warnings always get through. */
final class Notices {
    private final PrintWriter err;
    private final boolean quiet;

    Notices(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void say(String line) {
        if (quiet && !line.startsWith("warning:")) return;
        err.println(line);
        err.flush();
    }
}
