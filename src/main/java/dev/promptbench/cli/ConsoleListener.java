package dev.promptbench.cli;

import dev.promptbench.app.RunListener;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.run.Plan;
import dev.promptbench.stats.ModeSummary;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a run on the terminal: notices on stderr, a live progress line when stderr is a terminal,
 * and with --show-answers each answer of the first mode as it arrives (on stdout, or on stderr when
 * stdout carries a machine-readable format).
 */
final class ConsoleListener implements RunListener, AutoCloseable {
    private final Notices notices;
    private final PrintWriter answers;
    private final boolean showAnswers;
    private final ProgressLine progress;
    private Mode answersMode;

    /** @param progress the live line, or null for none */
    ConsoleListener(Notices notices, PrintWriter out, PrintWriter err, boolean showAnswers, boolean stdoutIsData,
                    ProgressLine progress) {
        this.notices = notices;
        this.answers = stdoutIsData ? err : out;
        this.showAnswers = showAnswers;
        this.progress = progress;
    }

    @Override
    public void notice(String line) {
        if (progress != null) progress.clear();
        notices.say(line);
    }

    @Override
    public void modeStarted(Plan plan, int repeat, int prompts) {
        if (answersMode == null) answersMode = plan.mode();
        notice(plan.mode().wireName() + (repeat > 0 ? " (repeat " + (repeat + 1) + ")" : "") + ": " + prompts
                + (prompts == 1 ? " prompt" : " prompts")
                + (plan.workers() == 1 ? ", one at a time" : " on " + plan.workers() + " threads") + " ...");
        if (progress != null) progress.start(plan, repeat, prompts);
    }

    @Override
    public void result(RequestResult result) {
        if (progress != null) progress.count(result);
        if (!showAnswers || result.mode() != answersMode || result.repeat() != 0 || result.warmup()) return;
        if (result.status() == RequestStatus.NOT_RUN) return;
        String body = result.answer() != null ? result.answer()
                : "(" + result.status().wireName() + (result.error() == null ? "" : ": " + result.error().message()) + ")";
        if (progress != null) progress.clear();
        answers.println("[" + result.promptId() + "] " + body);
        answers.println();
        answers.flush();
    }

    @Override
    public void modeFinished(ModeSummary summary) {
        if (progress != null) progress.stop();
        notices.say(String.format(Locale.ROOT, "%s: done in %.2f s (%d ok, %d errors)",
                summary.mode().wireName(), summary.wallMs() / 1000, summary.ok(), summary.errors()));
    }

    @Override
    public void close() {
        if (progress != null) progress.close();
    }
}
