package dev.promptbench.prompt;

import java.io.IOException;

/**
 * The {@link PromptSource} over one open prompt file: reads and parses a line per call, under a
 * lock so that worker threads can share it and each prompt is handed out once.
 */
final class PromptReader implements PromptSource {

    private final LineReader lines;
    private final PromptParser parser;
    private int index;
    private boolean closed;

    PromptReader(LineReader lines, PromptParser parser) {
        this.lines = lines;
        this.parser = parser;
    }

    @Override
    public synchronized Prompt next() throws PromptFileException {
        if (closed) {
            return null;
        }
        while (lines.advance()) {
            if (!lines.isBlank()) {
                return parser.parse(lines.text(), lines.lineNumber(), index++);
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lines.close();
        } catch (IOException e) {
            // Nothing was written, so nothing can be lost: a failed close of a read-only file is moot.
        }
    }
}
