package dev.promptbench.app;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One file a command writes, named by the flag that asked for it, and how it may be written: an existing
 * file is never replaced unless the user said {@code --force}.
 *
 * @param flag the option that names the file ({@code --out}, {@code --html}, ...), for messages
 * @param path the file as given
 * @param mode how it is opened
 */
public record OutputFile(String flag, Path path, Mode mode) {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** How an output is opened. */
    public enum Mode {
        /** Created; an existing file is refused. */
        NEW,
        /** Created, or an existing file replaced ({@code --force}). */
        REPLACE,
        /** A default name: when it is taken, the next free one with a -2, -3, ... suffix, taken atomically. */
        UNIQUE,
        /** An existing file added to at its end ({@code --resume}). */
        APPEND
    }

    /** A file the user named: new, or replaced with {@code force}. */
    public static OutputFile of(String flag, Path path, boolean force) {
        return new OutputFile(flag, path, force ? Mode.REPLACE : Mode.NEW);
    }

    /** The default results file, {@code results/<UTC time>.jsonl}, suffixed when a run started the same second. */
    public static OutputFile defaultResults(String flag, Instant now) {
        return new OutputFile(flag, Path.of("results", STAMP.format(now) + ".jsonl"), Mode.UNIQUE);
    }

    /** An existing file written only at its end. */
    public static OutputFile appending(String flag, Path path) {
        return new OutputFile(flag, path, Mode.APPEND);
    }

    /** The flag and the file, as messages name them. */
    String named() {
        return flag + " " + path;
    }
}
