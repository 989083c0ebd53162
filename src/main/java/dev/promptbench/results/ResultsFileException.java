package dev.promptbench.results;

/** A results file that cannot be read as one: its message names the file and, where it helps, the line. */
public final class ResultsFileException extends Exception {
    public ResultsFileException(String message) {
        super(message);
    }
}
