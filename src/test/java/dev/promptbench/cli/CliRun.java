package dev.promptbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs promptbench in-process with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        return of(Map.of(), args);
    }
}
