package dev.promptbench.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Why a file could not be read, in a few plain words for a one-line message: never a Java exception's name. */
public final class IoReason {
    private IoReason() {}

    /** "no such file", "permission denied", "is a directory", or the operating system's own words. */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        // A FileSystemException's message repeats the path the caller names already; its reason does not.
        String words = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (words == null || words.isBlank()) return "an input/output error";
        words = words.strip();
        // "Is a directory" reads as part of a sentence: lower-case a capital that starts a plain word.
        return words.length() > 1 && Character.isUpperCase(words.charAt(0)) && Character.isLowerCase(words.charAt(1))
                ? words.substring(0, 1).toLowerCase(Locale.ROOT) + words.substring(1) : words;
    }
}
