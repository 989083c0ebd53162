package dev.promptbench.batch;

/** A state file that cannot be read, or does not match the prompt file; the message names the file. */
public final class StateFileException extends Exception {
    public StateFileException(String message) {
        super(message);
    }
}
