package dev.promptbench.app;

/** An output file that may not or cannot be written; one line naming the flag and the file (exit 2). */
public final class OutputFileException extends RuntimeException {
    public OutputFileException(String message) {
        super(message);
    }
}
