package dev.promptbench.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An output file's stream that never throws: the first write error (a full disk) is recorded with
 * {@link OutputFiles} and later writes are dropped, so one broken output neither stops the run nor
 * hides behind a PrintWriter. At close it also notices a file removed or replaced while it was written
 * (which on most systems raises no write error at all).
 */
final class GuardedStream extends OutputStream {
    private final OutputStream out;
    private final OutputFile file;
    private final Path path;
    private final OutputFiles outputs;
    private final Object identity;
    private volatile boolean failed;
    private boolean closed;

    GuardedStream(OutputStream out, OutputFile file, Path path, OutputFiles outputs) {
        this.out = out;
        this.file = file;
        this.path = path;
        this.outputs = outputs;
        this.identity = identity(path);
    }

    @Override
    public void write(int b) {
        if (failed) return;
        try {
            out.write(b);
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (failed) return;
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void flush() {
        if (failed) return;
        try {
            out.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (!failed) fail(e);
        }
        if (!failed && identity != null && !Objects.equals(identity, identity(path))) {
            failed = true;
            outputs.removed(file);
        }
    }

    private void fail(IOException e) {
        failed = true;
        outputs.failed(file, e);
    }

    /** What identifies the file on disk (device and inode where the system has them), or null. */
    private static Object identity(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key != null ? key : Boolean.TRUE;
        } catch (IOException e) {
            return null;
        }
    }
}
