package dev.promptbench.batch;

/**
 * One entry of a failed batch's {@code errors.data}: why the input was rejected, and where.
 *
 * @param line the 1-based line of the input file, or null when the error is about the whole batch
 */
public record BatchError(String code, String message, String param, Integer line) {

    /** "line 3: invalid_json_line: ..." or "token_limit_exceeded: ...". */
    public String describe() {
        String what = (code == null ? "error" : code) + (message == null ? "" : ": " + message);
        return line == null ? what : "line " + line + ": " + what;
    }
}
