package dev.promptbench.client;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Reads the {@code data} of Server-Sent Events from a byte stream, line by line, as the HTML
 * living standard describes: {@code :} comment lines (keep-alives) and fields other than
 * {@code data} ({@code event}, {@code id}, {@code retry}) are skipped, the {@code data} lines of one event
 * are joined with {@code \n}, a blank line ends the event, and an event without data is not
 * dispatched. Lines may end in LF or CRLF (a lone CR, which no chat service sends, is not a line end here).
 */
final class SseReader {
    private static final char BOM = '\uFEFF';

    private final BufferedSource source;
    private boolean firstLine = true;
    private String unterminated;

    SseReader(BufferedSource source) {
        this.source = source;
    }

    /**
     * The data of the next event, or null when the stream ended. An event cut off by the end of the
     * stream (no blank line after it) is not returned: {@link #unterminated()} holds it.
     */
    String next() throws IOException {
        StringBuilder data = null;
        while (true) {
            String line = source.readUtf8Line();
            if (line == null) {
                unterminated = data == null ? null : data.toString();
                return null;
            }
            if (firstLine) {
                firstLine = false;
                if (!line.isEmpty() && line.charAt(0) == BOM) {
                    line = line.substring(1);
                }
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (!field.equals("data")) {
                continue;
            }
            String value = colon < 0 ? "" : line.substring(valueStart(line, colon));
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
    }

    /** The data of an event the stream ended in the middle of (no blank line after it), or null. */
    String unterminated() {
        return unterminated;
    }

    /** One space after the colon belongs to the syntax, not the value. */
    private static int valueStart(String line, int colon) {
        int start = colon + 1;
        return start < line.length() && line.charAt(start) == ' ' ? start + 1 : start;
    }
}
