package dev.promptbench.results;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a JSON Lines file (or stream) one line at a time, keeping only the current line in memory; blank
 * lines are skipped. The caller parses each line.
 */
public final class JsonLines implements Closeable {
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[1024];
    private int lineNumber;

    /** One non-blank line: its 1-based number and its bytes ({@code length} of them, valid until the next call). */
    public record Line(int number, byte[] bytes, int length) {}

    JsonLines(Path file) throws IOException {
        this(Files.newInputStream(file));
    }

    /** Lines of a stream (closed with this reader), such as a file downloaded from the Batch API. */
    public JsonLines(InputStream in) {
        this.in = in;
    }

    /** The next non-blank line, or null at the end of the file. */
    public Line next() throws IOException {
        while (true) {
            int length = 0;
            boolean terminated = false;
            // Whole runs of the chunk up to the next newline are copied at once: a call per byte was most of
            // the time a 100,000-line batch fetch spent reading lines.
            while (!terminated && (chunkPos < chunkEnd || fill())) {
                int end = chunkPos;
                while (end < chunkEnd && chunk[end] != '\n') end++;
                int n = end - chunkPos;
                if (length + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                System.arraycopy(chunk, chunkPos, line, length, n);
                length += n;
                terminated = end < chunkEnd;
                chunkPos = terminated ? end + 1 : end;
            }
            if (!terminated && length == 0) return null;
            lineNumber++;
            if (isBlank(length)) {
                if (terminated) continue;
                return null;
            }
            return new Line(lineNumber, line, length);
        }
    }

    /** Reads the next chunk; false at the end of the stream. */
    private boolean fill() throws IOException {
        chunkEnd = in.read(chunk);
        chunkPos = 0;
        if (chunkEnd <= 0) {
            chunkEnd = 0;
            return false;
        }
        return true;
    }

    private boolean isBlank(int length) {
        for (int i = 0; i < length; i++) {
            byte c = line[i];
            if (c != ' ' && c != '\t' && c != '\r') return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
