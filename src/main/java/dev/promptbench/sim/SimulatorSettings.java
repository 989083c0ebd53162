package dev.promptbench.sim;

import java.time.Duration;

/**
 * How the simulator behaves: where it listens and its latency and answer-length model.
 *
 * @param host         address to bind (127.0.0.1 unless asked otherwise)
 * @param port         port to bind, 0 for any free port
 * @param ttftMedian   median time to the first token (log-normal)
 * @param ttftSigma    log-normal sigma of the time to first token; 0 gives a fixed time
 * @param tokensMedian median completion length in tokens (before any max-tokens cap)
 * @param tokenDelay   time per completion token after the first
 * @param seed         seed of every random draw, so two runs see the same service times
 */
public record SimulatorSettings(String host, int port, Duration ttftMedian, double ttftSigma,
                                int tokensMedian, Duration tokenDelay, long seed) {

    /** The defaults: answers of about 1 s, like a small model on a quiet day. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 0, Duration.ofMillis(400), 0.35, 80,
                Duration.ofMillis(8), 42L);
    }

    /** Zero latency, fixed short answers: for warming the client's code path and for tests. */
    public static SimulatorSettings instant() {
        return new SimulatorSettings("127.0.0.1", 0, Duration.ZERO, 0.0, 8, Duration.ZERO, 1L);
    }
}
