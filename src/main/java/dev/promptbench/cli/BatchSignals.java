package dev.promptbench.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C while a batch is awaited: interrupts the waiting thread, which then prints how to pick the
 * batches up. The handler before is put back on close.
 */
final class BatchSignals implements AutoCloseable {
    private final SignalHandler previous;

    private BatchSignals(SignalHandler previous) {
        this.previous = previous;
    }

    static BatchSignals interruptOnCtrlC(Thread waiting) {
        try {
            return new BatchSignals(Signal.handle(new Signal("INT"), signal -> waiting.interrupt()));
        } catch (IllegalArgumentException unsupported) {
            return new BatchSignals(null);
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            try {
                Signal.handle(new Signal("INT"), previous);
            } catch (IllegalArgumentException ignored) {
                // Nothing to restore on this platform.
            }
        }
    }
}
