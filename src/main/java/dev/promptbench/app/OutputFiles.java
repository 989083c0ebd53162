package dev.promptbench.app;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every file a command writes, checked together before anything is sent, and the one way they are opened.
 * The rule is the same for each: an existing file is replaced only with {@code --force}; an input (the
 * prompt file, the baseline) is never written; two outputs never share a file; the folder must exist and
 * be writable. A write that fails later (disk full, file removed) does not stop the run: it is recorded
 * here, the other outputs are still written, and the command reports {@link #failures()} at the end.
 */
public final class OutputFiles {
    private final OutputFile results;
    private final List<OutputFile> files;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    /** Whole outputs being written beside their names (see {@link #write}). */
    private final Set<Path> partials = ConcurrentHashMap.newKeySet();

    /** A file the command reads and never writes, as messages name it ("the prompt file"). */
    public record Input(String name, Path path) {}

    /** Writes a whole output at once (a report at the end of the run). */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * An opened output: the file really written (a default name may have taken a suffix) and its stream,
     * which never throws; a failure is recorded instead.
     */
    public record Opened(Path path, OutputStream stream) {}

    private OutputFiles(OutputFile results, List<OutputFile> files) {
        this.results = results;
        this.files = files;
    }

    /**
     * Checks every output against the rule, before the first request.
     *
     * @param results the per-request results file, or null when the command writes none
     * @param others  the other outputs; null entries (flags not given) are skipped
     * @param inputs  files that are read and must never be written; null entries and paths are skipped
     * @throws OutputFileException naming the first output that breaks the rule
     */
    public static OutputFiles check(OutputFile results, List<OutputFile> others, List<Input> inputs) {
        List<OutputFile> all = new ArrayList<>();
        if (results != null) all.add(results);
        others.stream().filter(Objects::nonNull).forEach(all::add);
        // An input named as an output is said first: "already exists: pass --force" would send the user to a
        // flag that cannot help.
        for (OutputFile file : all) refuseInput(file, file.path(), inputs);
        List<Path> real = new ArrayList<>();
        for (OutputFile file : all) real.add(checkOne(file));
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (real.get(i).equals(real.get(j))) {
                    throw new OutputFileException(all.get(j).named() + " and " + all.get(i).named()
                            + " are the same file: give each output its own");
                }
            }
            refuseInput(all.get(i), real.get(i), inputs);
        }
        return new OutputFiles(results, List.copyOf(all));
    }

    private static void refuseInput(OutputFile file, Path path, List<Input> inputs) {
        if (path == null || !Files.exists(path)) return;
        for (Input input : inputs) {
            if (input == null || input.path() == null || !Files.exists(input.path())) continue;
            if (sameFile(path, input.path())) {
                throw new OutputFileException(file.named() + " is " + input.name()
                        + ": promptbench never writes its inputs, not even with --force");
            }
        }
    }

    /** The per-request results file, or null. */
    public OutputFile results() {
        return results;
    }

    /**
     * Opens an output for writing as its mode says, atomically: a file created meanwhile by someone else
     * is refused (or, for a default name, the next free name is taken).
     *
     * @throws OutputFileException when the file cannot be opened
     */
    public Opened open(OutputFile file) {
        if (!files.contains(file)) throw new IllegalArgumentException(file + " was not checked");
        Path path = file.path();
        try {
            return switch (file.mode()) {
                case NEW -> opened(file, path, Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE));
                case REPLACE -> opened(file, path, Files.newOutputStream(path, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
                case UNIQUE -> openUnique(file);
                case APPEND -> opened(file, path, Files.newOutputStream(path, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE));
            };
        } catch (FileAlreadyExistsException e) {
            throw new OutputFileException(file.named() + " already exists (it was created since the check): "
                    + "pass --force to overwrite it");
        } catch (IOException e) {
            throw new OutputFileException("cannot open " + file.named() + ": " + reason(e));
        }
    }

    /**
     * Opens an {@link OutputFile.Mode#APPEND} output after cutting off what follows {@code validBytes}
     * (a last line left incomplete by a killed process); nothing before it is touched.
     */
    public Opened append(OutputFile file, long validBytes) {
        if (file.mode() != OutputFile.Mode.APPEND) throw new IllegalArgumentException(file + " is not appended to");
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
            if (channel.size() > validBytes) channel.truncate(validBytes);
        } catch (IOException e) {
            throw new OutputFileException("cannot open " + file.named() + ": " + reason(e));
        }
        return open(file);
    }

    /**
     * Writes a whole output; a failure (to open, or to write) is recorded, not thrown. A new or replaced file
     * is written beside its name and moved there once complete, so a process stopped meanwhile (a second
     * Ctrl-C) never leaves half a report under the final name, and a replaced file keeps its old content until
     * then.
     *
     * @return true when the file was written completely
     */
    public boolean write(OutputFile file, Content content) {
        if (file.mode() != OutputFile.Mode.NEW && file.mode() != OutputFile.Mode.REPLACE) {
            return writeInPlace(file, content);
        }
        if (!files.contains(file)) throw new IllegalArgumentException(file + " was not checked");
        Path target;
        try {
            // A replaced link is written through, as opening it would: the new file goes where it points.
            target = file.mode() == OutputFile.Mode.REPLACE && Files.isSymbolicLink(file.path())
                    ? file.path().toRealPath() : file.path();
        } catch (IOException e) {
            failed(file, e);
            return false;
        }
        Path partial = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + ".partial");
        partials.add(partial);
        int before = failures.size();
        try {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(new GuardedStream(Files.newOutputStream(
                    partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                    file, partial, this), StandardCharsets.UTF_8))) {
                content.writeTo(out);
            }
            if (failures.size() != before) return false;
            if (file.mode() == OutputFile.Mode.REPLACE) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // Not ATOMIC_MOVE: that may replace a file created since the check, which NEW never does.
                Files.move(partial, target);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            failures.add(file.named() + " already exists (it was created since the check): pass --force to "
                    + "overwrite it");
        } catch (IOException e) {
            failed(file, e);
        } finally {
            partials.remove(partial);
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Nothing was moved; a leftover in a folder we cannot write in is all that is left.
            }
        }
        return false;
    }

    private boolean writeInPlace(OutputFile file, Content content) {
        Opened opened;
        try {
            opened = open(file);
        } catch (OutputFileException e) {
            failures.add(e.getMessage());
            return false;
        }
        int before = failures.size();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(opened.stream(), StandardCharsets.UTF_8))) {
            content.writeTo(out);
        } catch (IOException e) {
            failed(file, e);
        }
        return failures.size() == before;
    }

    /**
     * Deletes the outputs being written that are not complete yet: called from a signal handler just before
     * the process halts, so nothing half-written is left behind, not even beside its name.
     */
    public void discardPartial() {
        for (Path partial : partials) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Halting anyway: a leftover partial file never carries the output's name.
            }
        }
    }

    /** One line for each output that could not be written completely, in the order they failed. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    void failed(OutputFile file, IOException e) {
        failures.add("could not write " + file.named() + ": " + reason(e));
    }

    void removed(OutputFile file) {
        failures.add(file.named() + " was removed or replaced while it was written");
    }

    private Opened opened(OutputFile file, Path path, OutputStream stream) throws IOException {
        return new Opened(path, new GuardedStream(stream, file, path, this));
    }

    private Opened openUnique(OutputFile file) throws IOException {
        Path path = file.path();
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path candidate = n == 1 ? path : path.resolveSibling(stem + "-" + n + extension);
            try {
                return opened(file, candidate, Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException taken) {
                // Another run took this name first: try the next.
            }
        }
    }

    /** Applies the rule to one output; returns the file's real path (its folder's, for a new file). */
    private static Path checkOne(OutputFile file) {
        Path path = file.path();
        if (Files.isDirectory(path)) throw new OutputFileException(file.named() + " is a directory; give a file name");
        Path parent = path.toAbsolutePath().getParent();
        String folder = path.getParent() == null ? "." : path.getParent().toString();
        if (file.mode() == OutputFile.Mode.UNIQUE) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new OutputFileException(file.named() + ": cannot create the folder " + folder + ": "
                        + reason(e));
            }
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new OutputFileException(file.named() + ": the folder " + folder + " does not exist");
        }
        boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        switch (file.mode()) {
            case NEW -> {
                if (exists) throw new OutputFileException(file.named() + " already exists: pass --force to overwrite it");
            }
            case APPEND -> {
                if (!exists) throw new OutputFileException(file.named() + " does not exist");
            }
            default -> { }
        }
        if (exists && !Files.isWritable(path)) throw new OutputFileException(file.named() + " is not writable");
        if (!exists && !Files.isWritable(parent)) {
            throw new OutputFileException(file.named() + ": the folder " + folder + " is not writable");
        }
        try {
            return exists ? path.toRealPath() : parent.toRealPath().resolve(path.getFileName());
        } catch (IOException e) {
            throw new OutputFileException(file.named() + ": " + reason(e));
        }
    }

    private static boolean sameFile(Path output, Path input) {
        try {
            return output.equals(input.toRealPath()) || (Files.exists(output) && Files.isSameFile(output, input));
        } catch (IOException e) {
            return false;
        }
    }

    /** The cause of an I/O failure in words, without a Java class name. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException) return "already exists";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input/output error" : message;
    }
}
