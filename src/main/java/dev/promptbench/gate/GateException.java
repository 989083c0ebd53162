package dev.promptbench.gate;

/**
 * A threshold that does not parse, a baseline that cannot be read or does not match the run: always one
 * line, meant to be printed as is (the CLI turns it into exit code 2).
 */
public final class GateException extends RuntimeException {
    public GateException(String message) {
        super(message);
    }
}
