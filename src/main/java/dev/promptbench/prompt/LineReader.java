package dev.promptbench.prompt;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Reads a prompt file one line at a time, decoding each line as strict UTF-8 so a bad byte is
 * reported with its line number; LF, CRLF and lone CR all end a line, and a BOM is skipped.
 *
 * <p>Lines are split on raw bytes: in UTF-8 the bytes of CR and LF never occur inside a
 * multi-byte character, so splitting before decoding is safe and keeps the decoder per line.
 */
final class LineReader implements Closeable {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final MessageDigest digest;
    private final String label;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;
    private boolean skipLf; // the previous line ended in CR: a following LF belongs to it

    private byte[] lineBytes = new byte[256];
    private int lineLength;
    private CharBuffer chars = CharBuffer.allocate(256);
    private long lineNumber;

    /**
     * @param in     the raw file bytes; closed by {@link #close()}
     * @param digest fed every byte read, or null
     * @param label  the file name used in error messages
     */
    LineReader(InputStream in, MessageDigest digest, String label) {
        this.in = in;
        this.digest = digest;
        this.label = label;
    }

    /** Moves to the next line; false at the end of the file. */
    boolean advance() throws PromptFileException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                if (!any) {
                    return false;
                }
                break;
            }
            if (skipLf) {
                skipLf = false;
                if (chunk[chunkPos] == '\n') {
                    chunkPos++;
                    continue;
                }
            }
            any = true;
            int start = chunkPos;
            int end = start;
            while (end < chunkEnd && chunk[end] != '\n' && chunk[end] != '\r') {
                end++;
            }
            append(start, end);
            if (end < chunkEnd) {
                skipLf = chunk[end] == '\r';
                chunkPos = end + 1;
                break;
            }
            chunkPos = end;
        }
        lineNumber++;
        decode();
        return true;
    }

    /** The 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** Whether the current line holds only whitespace (so it is not a prompt). */
    boolean isBlank() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            // Every Unicode whitespace character is in the BMP, so testing chars is exact.
            if (!Character.isWhitespace(chars.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The current line's text, without its line ending. */
    String text() {
        return chars.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws PromptFileException {
        if (eof) {
            return false;
        }
        int n;
        try {
            n = in.read(chunk, 0, CHUNK);
        } catch (IOException e) {
            throw new PromptFileException(label, lineNumber + 1, "cannot read (" + PromptFile.reason(e) + ")", e);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        if (digest != null) {
            digest.update(chunk, 0, n);
        }
        chunkPos = 0;
        chunkEnd = n;
        return n > 0 || fill();
    }

    private void append(int start, int end) {
        int n = end - start;
        if (lineLength + n > lineBytes.length) {
            long wanted = Math.max((long) lineBytes.length * 2, (long) lineLength + n);
            lineBytes = Arrays.copyOf(lineBytes, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
        System.arraycopy(chunk, start, lineBytes, lineLength, n);
        lineLength += n;
    }

    private void decode() throws PromptFileException {
        // UTF-8 never decodes to more chars than it has bytes.
        if (chars.capacity() < lineLength) {
            chars = CharBuffer.allocate(Math.max(lineLength, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        ByteBuffer bytes = ByteBuffer.wrap(lineBytes, 0, lineLength);
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw new PromptFileException(label, lineNumber,
                    "not valid UTF-8 (at byte " + (bytes.position() + 1) + " of the line)");
        }
        chars.flip();
        if (lineNumber == 1 && chars.hasRemaining() && chars.get(0) == '\uFEFF') {
            chars.position(1);
        }
    }
}
