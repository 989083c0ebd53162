package dev.promptbench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file of newline-ended records read back by offset: the join keeps answers here, not in
 * memory, and reads them in prompt order. Deleted on close.
 */
public final class SpillFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
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

    /** The record at {@code offset}. */
    public byte[] read(long offset) throws IOException {
        if (buffer.position() > 0) flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long at = offset;
        while (true) {
            chunk.clear();
            int n = channel.read(chunk, at);
            if (n <= 0) return out.toByteArray();
            for (int i = 0; i < n; i++) {
                byte b = chunk.get(i);
                if (b == '\n') return out.toByteArray();
                out.write(b);
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}
