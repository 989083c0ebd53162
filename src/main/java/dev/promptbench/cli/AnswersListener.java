package dev.promptbench.cli;

import dev.promptbench.app.RunListener;
import dev.promptbench.report.AnswersInOrder;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestResult;
import dev.promptbench.stats.ModeSummary;

/** Passes everything on, and keeps each request's answer for the --answers file. */
final class AnswersListener implements RunListener {
    private final RunListener next;
    private final AnswersInOrder answers;

    AnswersListener(RunListener next, AnswersInOrder answers) {
        this.next = next;
        this.answers = answers;
    }

    @Override public void notice(String line) { next.notice(line); }

    @Override public void modeStarted(Plan plan, int repeat, int prompts) { next.modeStarted(plan, repeat, prompts); }

    @Override public void result(RequestResult result) {
        answers.accept(result);
        next.result(result);
    }

    @Override public void modeFinished(ModeSummary summary) { next.modeFinished(summary); }
}
