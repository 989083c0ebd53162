package dev.promptbench.cli;

import dev.promptbench.app.RunListener;
import dev.promptbench.report.RequestCsv;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestResult;
import dev.promptbench.stats.ModeSummary;

/** Passes everything to the console, and each request's record to the --csv file too. */
final class CsvListener implements RunListener {
    private final RunListener console;
    private final RequestCsv csv;

    CsvListener(RunListener console, RequestCsv csv) {
        this.console = console;
        this.csv = csv;
    }

    @Override public void notice(String line) { console.notice(line); }

    @Override public void modeStarted(Plan plan, int repeat, int prompts) { console.modeStarted(plan, repeat, prompts); }

    @Override public void result(RequestResult result) {
        csv.accept(result);
        console.result(result);
    }

    @Override public void modeFinished(ModeSummary summary) { console.modeFinished(summary); }
}
