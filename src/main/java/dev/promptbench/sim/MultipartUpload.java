package dev.promptbench.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} upload read as a stream: the {@code file} part is copied to disk as it
 * arrives and never held in memory; the other fields (such as {@code purpose}) are small and kept.
 *
 * @param fields   the text fields by name
 * @param filename the file part's filename, or null when there was no file part
 * @param file     where the file part's bytes were written (exists even when there was no file part)
 * @param bytes    how many bytes the file part had
 */
record MultipartUpload(Map<String, String> fields, String filename, Path file, long bytes) {

    /** The most bytes a text field or a part's headers may have. */
    private static final int MAX_FIELD = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    /** Why an upload could not be read; the message is for the client. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** The boundary named in a {@code multipart/form-data} Content-Type, or null if it is not one. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /**
     * Reads a whole upload, writing the part named {@code file} to {@code target}.
     *
     * @param maxFileBytes the largest file accepted
     * @throws Malformed    when the body is not well-formed multipart, or the file is too large
     * @throws IOException  when the client goes away
     */
    static MultipartUpload read(InputStream in, String boundary, Path target, long maxFileBytes)
            throws IOException, Malformed {
        Scanner scanner = new Scanner(in, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        // The body opens with the delimiter itself, without the CRLF before it; a preamble may precede it.
        scanner.prefixWithCrlf();
        if (!scanner.skipToDelimiter()) {
            throw new Malformed("The multipart body has no part delimited by its boundary.");
        }
        Map<String, String> fields = new HashMap<>();
        String filename = null;
        long bytes = 0;
        while (true) {
            String after = scanner.line();
            if (after.startsWith("--")) {
                break; // the closing delimiter
            }
            Map<String, String> disposition = disposition(scanner);
            String name = disposition.get("name");
            if (name == null) {
                throw new Malformed("A multipart part has no Content-Disposition name.");
            }
            if (name.equals("file")) {
                filename = disposition.getOrDefault("filename", "upload.jsonl");
                try (OutputStream out = Files.newOutputStream(target)) {
                    bytes = scanner.copyPart(out, maxFileBytes);
                }
                if (bytes < 0) {
                    throw new Malformed("The file is larger than the limit of " + maxFileBytes + " bytes.");
                }
            } else {
                BoundedBytes value = new BoundedBytes();
                if (scanner.copyPart(value, MAX_FIELD) < 0) {
                    throw new Malformed("The field '" + name + "' is longer than " + MAX_FIELD + " bytes.");
                }
                fields.put(name, value.text());
            }
        }
        return new MultipartUpload(Map.copyOf(fields), filename, target, bytes);
    }

    /** The parameters of a part's Content-Disposition header ({@code name}, {@code filename}). */
    private static Map<String, String> disposition(Scanner scanner) throws IOException, Malformed {
        Map<String, String> parameters = new HashMap<>();
        int total = 0;
        for (String header = scanner.line(); !header.isEmpty(); header = scanner.line()) {
            total += header.length();
            if (total > MAX_FIELD) {
                throw new Malformed("A multipart part's headers are too long.");
            }
            int colon = header.indexOf(':');
            if (colon < 0 || !header.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                continue;
            }
            for (String parameter : header.substring(colon + 1).split(";")) {
                int equals = parameter.indexOf('=');
                if (equals > 0) {
                    String value = parameter.substring(equals + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    parameters.put(parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT), value);
                }
            }
        }
        return parameters;
    }

    /** A field's bytes, at most {@link #MAX_FIELD} (the scanner enforces it). */
    private static final class BoundedBytes extends OutputStream {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * A window over the body that finds the delimiter {@code CRLF--boundary} without holding more than
     * one buffer: bytes that cannot be the start of a delimiter are passed on, the rest kept.
     */
    private static final class Scanner {
        private final InputStream in;
        private final byte[] delimiter;
        private byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;
        private boolean eof;

        Scanner(InputStream in, byte[] delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        /** Pretends a CRLF came before the body, so a delimiter on the first line is found like any other. */
        void prefixWithCrlf() {
            buffer[0] = '\r';
            buffer[1] = '\n';
            end = 2;
        }

        /** Skips the preamble up to and past the first delimiter; false if there is none. */
        boolean skipToDelimiter() throws IOException {
            return copyPart(OutputStream.nullOutputStream(), Long.MAX_VALUE) >= 0;
        }

        /**
         * Copies bytes up to the next delimiter to {@code out} and consumes the delimiter.
         *
         * @return the bytes copied, or -1 when more than {@code limit} came first
         * @throws IOException when the body ends before the delimiter
         */
        long copyPart(OutputStream out, long limit) throws IOException {
            long copied = 0;
            while (true) {
                int found = indexOf(delimiter, start, end);
                int safe = found >= 0 ? found : Math.max(start, end - delimiter.length + 1);
                int count = safe - start;
                if (copied + count > limit) {
                    return -1;
                }
                out.write(buffer, start, count);
                copied += count;
                start = safe;
                if (found >= 0) {
                    start += delimiter.length;
                    return copied;
                }
                if (!fill()) {
                    throw new java.io.EOFException("the multipart body ended inside a part");
                }
            }
        }

        /** The next line without its CRLF (ISO-8859-1; UTF-8 names come through as bytes, then decoded). */
        String line() throws IOException {
            while (true) {
                int found = indexOf(CRLF, start, end);
                if (found >= 0) {
                    String line = new String(buffer, start, found - start, StandardCharsets.UTF_8);
                    start = found + 2;
                    return line;
                }
                if (end - start > MAX_FIELD) {
                    throw new java.io.EOFException("a multipart header line is too long");
                }
                if (!fill()) {
                    if (end > start) { // a closing delimiter without its CRLF
                        String rest = new String(buffer, start, end - start, StandardCharsets.UTF_8);
                        start = end;
                        return rest;
                    }
                    throw new java.io.EOFException("the multipart body ended inside a header");
                }
            }
        }

        /** Reads more, compacting first; false at the end of the body. */
        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                eof = true;
                return false;
            }
            end += read;
            return true;
        }

        private int indexOf(byte[] pattern, int from, int to) {
            outer:
            for (int i = from; i <= to - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (buffer[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
