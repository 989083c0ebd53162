package dev.promptbench.prompt;

/**
 * A prompt file that cannot be used, with a one-line message naming the file and, where it
 * applies, the 1-based line: {@code prompts/x.jsonl:7: malformed JSON (...)}.
 */
public final class PromptFileException extends Exception {

    private final String file;
    private final long line;

    /** A problem with the file as a whole (missing, a directory, empty). */
    public PromptFileException(String file, String detail) {
        this(file, 0, detail, null);
    }

    /** A problem with the file as a whole, caused by an I/O error. */
    public PromptFileException(String file, String detail, Throwable cause) {
        this(file, 0, detail, cause);
    }

    /** A problem on one line of the file. */
    public PromptFileException(String file, long line, String detail) {
        this(file, line, detail, null);
    }

    /** A problem on one line of the file, caused by a parser or I/O error. */
    public PromptFileException(String file, long line, String detail, Throwable cause) {
        super(format(file, line, detail), cause);
        this.file = file;
        this.line = line;
    }

    /** The file as the user named it ({@code <stdin>} for standard input). */
    public String file() {
        return file;
    }

    /** The 1-based line the problem is on, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }

    private static String format(String file, long line, String detail) {
        String where = line > 0 ? file + ":" + line : file;
        return where + ": " + oneLine(detail);
    }

    // Callers pass parser messages through; a stray newline would break the one-line contract.
    private static String oneLine(String detail) {
        int nl = detail.indexOf('\n');
        int cr = detail.indexOf('\r');
        int cut = nl < 0 ? cr : (cr < 0 ? nl : Math.min(nl, cr));
        return cut < 0 ? detail : detail.substring(0, cut);
    }
}
