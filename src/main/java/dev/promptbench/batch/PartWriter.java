package dev.promptbench.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes input lines into part files of at most {@link BatchLimits} each ({@code part-0001.jsonl}, ...),
 * streaming: one line in memory at a time.
 */
final class PartWriter implements AutoCloseable {
    /** A part file written, before it is uploaded. */
    record Written(int number, String file, int prompts, long bytes) {}

    private final Path dir;
    private final BatchLimits limits;
    private final int round;
    private int number;
    private final List<Written> written = new ArrayList<>();
    private OutputStream out;
    private String file;
    private int lines;
    private long bytes;

    /** Parts are numbered from {@code firstNumber}. */
    PartWriter(Path dir, BatchLimits limits, int round, int firstNumber) throws IOException {
        this.dir = dir;
        this.limits = limits;
        this.round = round;
        this.number = firstNumber - 1;
        Files.createDirectories(dir);
    }

    /** Adds one line (without its newline); starts a new part when this one is full. */
    void add(byte[] line, String customId) throws IOException {
        long size = line.length + 1L;
        if (size > limits.maxBytes()) {
            throw new IOException("the request of " + customId + " is " + size + " bytes, above the Batch API's "
                    + limits.maxBytes() + " a file");
        }
        if (out == null || lines == limits.maxRequests() || bytes + size > limits.maxBytes()) startPart();
        out.write(line);
        out.write('\n');
        lines++;
        bytes += size;
    }

    private void startPart() throws IOException {
        finishPart();
        number++;
        file = round == 0 ? String.format("part-%04d.jsonl", number) : String.format("retry%d-part-%04d.jsonl", round, number);
        out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(file), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
        lines = 0;
        bytes = 0;
    }

    private void finishPart() throws IOException {
        if (out == null) return;
        out.close();
        written.add(new Written(number, file, lines, bytes));
        out = null;
    }

    /** The parts written, once closed. */
    List<Written> parts() {
        return List.copyOf(written);
    }

    @Override
    public void close() throws IOException {
        finishPart();
    }
}
