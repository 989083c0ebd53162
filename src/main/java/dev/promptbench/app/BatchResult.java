package dev.promptbench.app;

import dev.promptbench.report.RunReport;
import dev.promptbench.run.RunControl;

/**
 * How a run ended.
 *
 * @param report       the finished report, or null when the canary found a fatal error
 * @param stopCause    why the run stopped early, or null when it ran to the end
 * @param stopMessage  what stopped it, for humans, or null
 */
public record BatchResult(RunReport report, RunControl.Cause stopCause, String stopMessage) {

    /** The canary found the endpoint unusable: nothing was run. */
    static BatchResult fatalCanary(String message) {
        return new BatchResult(null, RunControl.Cause.FATAL_ENDPOINT, message);
    }

    /** A cancel (Ctrl-C, SIGTERM) came before the batch started: no prompt was sent, no results file written. */
    static BatchResult stoppedBeforeBatch(RunControl.Cause cause) {
        return new BatchResult(null, cause, Canary.Verdict.notStarted("batch"));
    }

    /** True when some request in some mode ended in error. */
    public boolean anyErrors() {
        return report != null && report.modes().values().stream().flatMap(m -> m.repeats().stream()).anyMatch(s -> s.errors() > 0);
    }
}
