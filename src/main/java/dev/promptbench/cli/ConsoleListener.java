package dev.promptbench.cli;

import dev.promptbench.app.RunListener;
import dev.promptbench.run.Mode;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestResult;
import dev.promptbench.run.RequestStatus;
import dev.promptbench.stats.ModeSummary;
import java.io.PrintWriter;

/**
 * Shows a run on the terminal: notices on stderr and, with --show-answers, each answer of the first
 * mode as it arrives (on stdout, or on stderr when stdout carries JSON).
 */
final class ConsoleListener implements RunListener {
    private final Notices notices;
    private final PrintWriter answers;
    private final boolean showAnswers;
    private Mode answersMode;

    ConsoleListener(Notices notices, PrintWriter out, PrintWriter err, boolean showAnswers, boolean stdoutIsJson) {
        this.notices = notices;
        this.answers = stdoutIsJson ? err : out;
        this.showAnswers = showAnswers;
    }

    @Override
    public void notice(String line) {
        notices.say(line);
    }

    @Override
    public void modeStarted(Plan plan, int prompts) {
        if (answersMode == null) answersMode = plan.mode();
        notices.say(plan.mode().wireName() + ": " + prompts + (prompts == 1 ? " prompt" : " prompts")
                + (plan.workers() == 1 ? ", one at a time" : " on " + plan.workers() + " threads") + " ...");
    }

    @Override
    public void result(RequestResult result) {
        if (!showAnswers || result.mode() != answersMode) return;
        if (result.status() == RequestStatus.NOT_RUN) return;
        String body = result.answer() != null ? result.answer()
                : "(" + result.status().wireName() + (result.error() == null ? "" : ": " + result.error().message()) + ")";
        answers.println("[" + result.promptId() + "] " + body);
        answers.println();
        answers.flush();
    }

    @Override
    public void modeFinished(ModeSummary summary) {
        notices.say(String.format(java.util.Locale.ROOT, "%s: done in %.2f s (%d ok, %d errors)",
                summary.mode().wireName(), summary.wallMs() / 1000, summary.ok(), summary.errors()));
    }
}
