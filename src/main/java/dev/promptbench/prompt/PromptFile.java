package dev.promptbench.prompt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A prompt file that has been checked from end to end: every line decodes and parses, the
 * prompts are counted and the bytes hashed, so bad input fails before any request is sent.
 *
 * <p>Opening reads the file once in constant memory; {@link #source()} then reads it again,
 * lazily, as often as needed (a run reads it sequentially, then in parallel). Standard input
 * ({@code -}) is copied to a temporary file first for that reason; {@link #close()} deletes it.
 */
public final class PromptFile implements AutoCloseable {

    /** How the lines of a prompt file are read. */
    public enum Format {
        /** One prompt per line, sent as the text of one message. */
        TEXT,
        /** One JSON object per line, with {@code prompt} or {@code messages} and request fields. */
        JSONL,
        /** Rows of variables (CSV with a header, or JSON Lines) filling a {@code --template}. */
        TEMPLATE
    }

    private static final String STDIN = "-";
    private static final String STDIN_LABEL = "<stdin>";

    private final String displayName;
    private final String label;
    private final Path path;
    private final Format format;
    private final TextPromptStyle style;
    private final int count;
    private final String sha256;
    private final boolean temporary;
    /** The template the rows fill, or null for an ordinary prompt file. */
    private final Template template;
    /** Each request field a JSONL line gives, with the first line that gives it. */
    private final Map<String, Long> fieldLines;

    private PromptFile(String displayName, String label, Path path, Format format, TextPromptStyle style,
                       int count, String sha256, boolean temporary, Template template, Map<String, Long> fieldLines) {
        this.template = template;
        this.fieldLines = Map.copyOf(fieldLines);
        this.displayName = displayName;
        this.label = label;
        this.path = path;
        this.format = format;
        this.style = style;
        this.count = count;
        this.sha256 = sha256;
        this.temporary = temporary;
    }

    /** Opens and checks a prompt file; {@code -} reads standard input of this process. */
    public static PromptFile open(String path, TextPromptStyle style) throws PromptFileException {
        return open(path, style, System.in);
    }

    /** Opens and checks a prompt file; {@code -} reads {@code stdin} to its end. */
    public static PromptFile open(String path, TextPromptStyle style, InputStream stdin)
            throws PromptFileException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(style, "style");
        if (STDIN.equals(path)) {
            return openStdin(style, Objects.requireNonNull(stdin, "stdin"));
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new PromptFileException(path, "not a valid path (" + e.getReason() + ")");
        }
        if (Files.isDirectory(file)) {
            throw new PromptFileException(path, "is a directory, not a prompt file");
        }
        Scan scan = scan(file, formatOf(path), style, path);
        return new PromptFile(path, path, file, scan.format, style, scan.count, scan.sha256, false, null,
                scan.fieldLines);
    }

    /**
     * Opens a file of variables (CSV with a header row, or JSON Lines) whose rows fill the template in
     * {@code templateFile}, one prompt per row; every row is rendered once here, so a missing column fails
     * before any request is sent.
     */
    public static PromptFile openTemplate(String path, Path templateFile, TextPromptStyle style)
            throws PromptFileException {
        String text;
        try {
            text = Files.readString(templateFile, java.nio.charset.StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PromptFileException(templateFile.toString(), "no such template file");
        } catch (IOException e) {
            throw new PromptFileException(templateFile.toString(), "cannot read (" + reason(e) + ")", e);
        }
        Template template = new Template(templateFile.toString(), text);
        if (template.placeholders().isEmpty()) {
            throw new PromptFileException(templateFile.toString(), "has no {{column}} placeholder");
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new PromptFileException(path, "not a valid path (" + e.getReason() + ")");
        }
        if (Files.isDirectory(file)) throw new PromptFileException(path, "is a directory, not a file of variables");
        int count = 0;
        try (TemplateRows rows = new TemplateRows(file, path, template, style)) {
            while (rows.next() != null) count++;
        }
        if (count == 0) throw new PromptFileException(path, "no rows of variables");
        MessageDigest digest = sha256Digest();
        try (InputStream in = new java.security.DigestInputStream(openStream(file, path), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new PromptFileException(path, "cannot read (" + reason(e) + ")", e);
        }
        return new PromptFile(path, path, file, Format.TEMPLATE, style, count,
                HexFormat.of().formatHex(digest.digest()), false, template, Map.of());
    }

    /** The template the rows fill, or null. */
    public Template template() {
        return template;
    }

    /**
     * "prompts.jsonl:3" for the first line that gives request field {@code name} (a JSONL file's own
     * {@code "seed"}, say), or null when no line does: for a refusal that names the line, as the scan's do.
     */
    public String firstLineWith(String name) {
        Long line = fieldLines.get(name);
        return line == null ? null : label + ":" + line;
    }

    /** The file as the user named it ({@code -} for standard input). */
    public String displayName() {
        return displayName;
    }

    /** The role and system message a .txt file's lines are sent with. */
    public TextPromptStyle style() {
        return style;
    }

    /** Where the prompts are read from (a temporary copy for standard input). */
    public Path path() {
        return path;
    }

    /** The number of prompts (non-blank lines). */
    public int count() {
        return count;
    }

    /** SHA-256 of the file's bytes in lowercase hex, or null for standard input. */
    public String sha256() {
        return sha256;
    }

    /** Whether the lines are plain text or JSON objects. */
    public Format format() {
        return format;
    }

    /** A fresh lazy reader from the first prompt; the caller closes it. */
    /** The first prompt, read alone (a run's warm-up and canary send it); null for an empty file. */
    public Prompt first() throws PromptFileException {
        try (PromptSource source = source()) {
            return source.next();
        }
    }

    public PromptSource source() throws PromptFileException {
        if (template != null) return new TemplateRows(path, label, template, style);
        return new PromptReader(new LineReader(openStream(path, label), null, label),
                new PromptParser(format, style, label));
    }

    /** Deletes the temporary copy of standard input, if there is one. */
    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // deleteOnExit was registered at creation and is the fallback.
            }
        }
    }

    private static PromptFile openStdin(TextPromptStyle style, InputStream stdin) throws PromptFileException {
        Path copy;
        try {
            copy = Files.createTempFile("promptbench-stdin-", ".prompts");
        } catch (IOException e) {
            throw new PromptFileException(STDIN_LABEL, "cannot make a temporary copy (" + reason(e) + ")", e);
        }
        copy.toFile().deleteOnExit();
        try {
            Files.copy(stdin, copy, StandardCopyOption.REPLACE_EXISTING);
            Scan scan = scan(copy, sniff(copy), style, STDIN_LABEL);
            // The hash identifies a file on disk that a later run can be compared with; a pipe has none.
            return new PromptFile(STDIN, STDIN_LABEL, copy, scan.format, style, scan.count, null, true, null,
                    scan.fieldLines);
        } catch (IOException e) {
            deleteQuietly(copy);
            throw new PromptFileException(STDIN_LABEL, "cannot read (" + reason(e) + ")", e);
        } catch (PromptFileException | RuntimeException e) {
            deleteQuietly(copy);
            throw e;
        }
    }

    private static Format formatOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? Format.JSONL : Format.TEXT;
    }

    /** JSONL if the first non-blank line starts with '{' (after an optional BOM), else text. */
    private static Format sniff(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int b = in.read();
            if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
                b = in.read();
            }
            while (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B) {
                b = in.read();
            }
            return b == '{' ? Format.JSONL : Format.TEXT;
        }
    }

    /** The pre-pass: one read of the whole file, keeping only counters and the digest. */
    private static Scan scan(Path file, Format format, TextPromptStyle style, String label)
            throws PromptFileException {
        MessageDigest digest = sha256Digest();
        PromptParser parser = new PromptParser(format, style, label);
        Map<String, Long> fieldLines = new HashMap<>();
        int count = 0;
        try (LineReader lines = new LineReader(openStream(file, label), digest, label)) {
            while (lines.advance()) {
                if (lines.isBlank()) {
                    continue;
                }
                if (count == Integer.MAX_VALUE) {
                    throw new PromptFileException(label, lines.lineNumber(), "too many prompts");
                }
                if (format == Format.JSONL) {
                    long line = lines.lineNumber();
                    parser.parse(lines.text(), line, count).fields().keySet()
                            .forEach(name -> fieldLines.putIfAbsent(name, line));
                }
                count++;
            }
        } catch (IOException e) {
            // Only close() throws IOException here; every prompt was already read and checked.
        }
        if (count == 0) {
            throw new PromptFileException(label, "no prompts (the file is empty or has only blank lines)");
        }
        return new Scan(format, count, HexFormat.of().formatHex(digest.digest()), fieldLines);
    }

    private static InputStream openStream(Path file, String label) throws PromptFileException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new PromptFileException(label, "no such file");
        } catch (AccessDeniedException e) {
            throw new PromptFileException(label, "cannot read (permission denied)");
        } catch (IOException e) {
            throw new PromptFileException(label, "cannot read (" + reason(e) + ")", e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Names an I/O failure briefly; some JDK exceptions carry no message. */
    static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // deleteOnExit is the fallback.
        }
    }

    private record Scan(Format format, int count, String sha256, Map<String, Long> fieldLines) {}
}
