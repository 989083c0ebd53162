package dev.promptbench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a JSON Lines file one object at a time, keeping only the current line in memory. Blank lines
 * are skipped. A last line that has no newline and does not parse is what a killed writer leaves: it
 * is reported through {@link #cutLine()}, not as an error; any other line that does not parse is.
 */
final class JsonLines implements Closeable {
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final InputStream in;
    private final String label;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[1024];
    private int lineNumber;
    private int cutLine;

    /** One parsed line and its 1-based number. */
    record Line(int number, JsonNode record) {}

    JsonLines(Path file) throws IOException {
        this.in = Files.newInputStream(file);
        this.label = file.toString();
    }

    /** The next non-blank line as a JSON object, or null at the end of the file. */
    Line next() throws IOException, ResultsFileException {
        while (true) {
            int length = 0;
            int b;
            while ((b = read()) != -1 && b != '\n') {
                if (length == line.length) line = Arrays.copyOf(line, length * 2);
                line[length++] = (byte) b;
            }
            boolean terminated = b == '\n';
            if (!terminated && length == 0) return null;
            lineNumber++;
            if (isBlank(length)) {
                if (terminated) continue;
                return null;
            }
            JsonNode record;
            try {
                record = READER.readTree(line, 0, length);
            } catch (IOException e) {
                if (!terminated) {
                    cutLine = lineNumber;
                    return null;
                }
                throw new ResultsFileException(label + ":" + lineNumber + ": not valid JSON");
            }
            if (!record.isObject()) {
                throw new ResultsFileException(label + ":" + lineNumber + ": not a JSON object");
            }
            return new Line(lineNumber, record);
        }
    }

    /** One byte from our own chunk: a synchronized read() per byte would dominate on a gigabyte file. */
    private int read() throws IOException {
        if (chunkPos == chunkEnd) {
            chunkEnd = in.read(chunk);
            chunkPos = 0;
            if (chunkEnd <= 0) {
                chunkEnd = 0;
                return -1;
            }
        }
        return chunk[chunkPos++] & 0xff;
    }

    /** The number of a last line cut short and skipped, or 0 when there was none. */
    int cutLine() {
        return cutLine;
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
