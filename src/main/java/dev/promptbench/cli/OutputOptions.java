package dev.promptbench.cli;

import dev.promptbench.app.OutputFile;
import dev.promptbench.app.OutputFiles;
import dev.promptbench.report.RequestCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The files a run writes (a picocli mixin): the per-request results, a CSV of the same, the HTML report,
 * and --force, which alone lets an existing one be replaced. They are checked together, once, before the
 * first request (see {@link OutputFiles}).
 */
final class OutputOptions {
    @Option(names = "--out", paramLabel = "FILE",
            description = "Per-request results (JSON Lines; default: results/<UTC time>.jsonl).")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Also write one CSV row per request (timings, tokens, status; no answers) to FILE.")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report (charts, the comparison) to FILE at the end.")
    Path html;

    @Option(names = "--force",
            description = "Replace any output file of this command (--out, --csv, --html, ...) that exists.")
    boolean force;

    /** A further output of the command ({@code --junit}, {@code --answers}) under the same rule. */
    OutputFile other(String flag, Path path) {
        return path == null ? null : OutputFile.of(flag, path, force);
    }

    /**
     * Checks every output before anything is sent.
     *
     * @param now    when the run starts: the default results file is named after it
     * @param resume the results file a resumed run appends to, or null
     * @param others the command's further outputs (null entries skipped)
     * @param inputs files read and never written: the prompt file, --baseline, --config (null entries skipped)
     */
    OutputFiles check(Instant now, Path resume, List<OutputFile> others, List<OutputFiles.Input> inputs) {
        if (resume != null && out != null) throw new UsageException("--resume appends to its own file: leave out --out");
        OutputFile results = resume != null ? OutputFile.appending("--resume", resume)
                : out != null ? OutputFile.of("--out", out, force)
                : OutputFile.defaultResults("--out", now);
        List<OutputFile> all = new ArrayList<>(Arrays.asList(other("--csv", csv), other("--html", html)));
        all.addAll(others);
        return OutputFiles.check(results, all, inputs);
    }

    /** The --csv writer, opened, or null when --csv was not given. */
    RequestCsv openCsv(OutputFiles outputs) throws IOException {
        return csv == null ? null : RequestCsv.writingTo(outputs.open(other("--csv", csv)).stream());
    }

    /** The --html file, or null. */
    OutputFile htmlFile() {
        return other("--html", html);
    }

    /** The prompt file as an input never to be written (standard input has no file). */
    static OutputFiles.Input promptInput(String promptFile) {
        return new OutputFiles.Input("the prompt file", "-".equals(promptFile) ? null : Path.of(promptFile));
    }
}
