package dev.promptbench.cli;

import dev.promptbench.app.OutputFiles;
import dev.promptbench.run.RunControl;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a run: the first one cancels the run, which then finishes its
 * in-flight requests within the grace period, records the rest as not run, writes its summary and
 * exits 130 or 143. A second one halts at once: what is already flushed stays intact, and a report half
 * written (beside its name, see {@link OutputFiles#write}) is deleted first.
 *
 * <p>A shutdown hook cannot do this: the JVM ignores further signals while hooks run. A signal
 * handler (the JDK's {@code sun.misc.Signal}, in the supported {@code jdk.unsupported} module) can.
 */
final class Signals {
    private final AtomicInteger exitCode = new AtomicInteger(0);

    /**
     * Installs handlers that cancel {@code control}; returns the object that remembers the signal.
     *
     * @param outputs the command's outputs: the second signal discards those half written before it halts
     */
    static Signals install(RunControl control, Notices notices, OutputFiles outputs) {
        Signals signals = new Signals();
        signals.handle("INT", ExitCode.INTERRUPTED, control, notices, outputs);
        signals.handle("TERM", ExitCode.TERMINATED, control, notices, outputs);
        return signals;
    }

    private void handle(String name, int code, RunControl control, Notices notices, OutputFiles outputs) {
        try {
            Signal.handle(new Signal(name), signal -> {
                if (!exitCode.compareAndSet(0, code)) {
                    outputs.discardPartial();
                    Runtime.getRuntime().halt(exitCode.get());
                }
                notices.say("warning: SIG" + name + ": stopping; requests in flight may finish (again to quit now)");
                control.cancel(RunControl.Cause.SIGNAL, "SIG" + name);
            });
        } catch (IllegalArgumentException unsupported) {
            // This platform does not let us handle that signal: the JVM's default applies.
        }
    }

    /** 130 or 143 once a signal arrived, else 0. */
    int exitCode() {
        return exitCode.get();
    }
}
