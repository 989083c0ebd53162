package dev.promptbench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A temporary file of newline-ended records read back by offset: the join keeps answers here, not in
 * memory, and reads them in prompt order. Deleted on close.
 */
public final class SpillFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    /** Bytes of the file from {@code windowStart}, for reading (empty until the first read). */
    private final ByteBuffer window = ByteBuffer.allocate(1 << 16).limit(0);
    private long windowStart;
    private long end;

    public SpillFile(Path dir) throws IOException {
        this.path = Files.createTempFile(dir, "join-", ".spill");
        this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
    }

    /** Appends a record (no newline inside) and returns its offset. */
    public long append(byte[] record) throws IOException {
        long at = end;
        if (buffer.remaining() < record.length + 1) flush();
        if (record.length + 1 > buffer.capacity()) {
            ByteBuffer big = ByteBuffer.allocate(record.length + 1).put(record).put((byte) '\n').flip();
            while (big.hasRemaining()) flushed += channel.write(big, flushed);
        } else {
            buffer.put(record).put((byte) '\n');
        }
        end = at + record.length + 1;
        return at;
    }

    /** Bytes on disk; {@code end} counts the buffered ones too. */
    private long flushed;

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) flushed += channel.write(buffer, flushed);
        buffer.clear();
    }

    /**
     * The record at {@code offset}. Records are read through a window of the file kept in memory: the join
     * reads them about in the order they were written, so most reads cost no system call (one per record
     * cost a third of a 100,000-prompt fetch's time). The file only grows, so a window never goes stale.
     */
    public byte[] read(long offset) throws IOException {
        if (buffer.position() > 0) flush();
        ByteArrayOutputStream longer = null;
        long at = offset;
        while (true) {
            if (at < windowStart || at >= windowStart + window.limit()) {
                if (!fill(at)) return longer == null ? new byte[0] : longer.toByteArray();
            }
            byte[] bytes = window.array();
            int from = (int) (at - windowStart);
            int limit = window.limit();
            for (int i = from; i < limit; i++) {
                if (bytes[i] != '\n') continue;
                if (longer == null) return Arrays.copyOfRange(bytes, from, i);
                longer.write(bytes, from, i - from);
                return longer.toByteArray();
            }
            // A record longer than what is left of the window: keep its start, read on.
            if (longer == null) longer = new ByteArrayOutputStream(Math.max(512, 2 * (limit - from)));
            longer.write(bytes, from, limit - from);
            at = windowStart + limit;
        }
    }

    /** Reads the window from {@code at}; false at the end of the file. */
    private boolean fill(long at) throws IOException {
        window.clear();
        while (window.hasRemaining()) {
            int n = channel.read(window, at + window.position());
            if (n <= 0) break;
        }
        window.flip();
        windowStart = at;
        return window.hasRemaining();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}
