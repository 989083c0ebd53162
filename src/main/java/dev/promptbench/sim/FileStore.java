package dev.promptbench.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The simulated Files API's storage: every file lives on disk in one temporary directory, so a
 * 200 MB upload or a 100,000-line output never sits in memory; the directory goes when the simulator
 * closes.
 */
final class FileStore implements AutoCloseable {

    private final Path directory;
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final long seed;

    /** @param seed mixed into the ids, so two simulators do not hand out the same ids */
    FileStore(long seed) throws IOException {
        this.directory = Files.createTempDirectory("promptbench-sim-files-");
        this.seed = seed;
    }

    /** A new, empty file in the store's directory, not yet listed: an upload or output being written. */
    Path scratch(String suffix) throws IOException {
        return Files.createTempFile(directory, "part-", suffix);
    }

    /** Lists a complete file on disk under a new id and returns it. */
    StoredFile add(Path path, String filename, String purpose, long createdAt) throws IOException {
        String id = "file-" + Ids.hex(seed, counter.incrementAndGet(), 24);
        StoredFile file = new StoredFile(id, filename, purpose, Files.size(path), createdAt, path);
        files.put(id, file);
        return file;
    }

    /** The file with this id, if it exists. */
    Optional<StoredFile> get(String id) {
        return Optional.ofNullable(files.get(id));
    }

    /** Every file, newest first. */
    List<StoredFile> list() {
        List<StoredFile> all = new ArrayList<>(files.values());
        all.sort(Comparator.comparingLong(StoredFile::createdAt).thenComparing(StoredFile::id).reversed());
        return all;
    }

    /** Removes a file and its bytes; false if there was none. */
    boolean delete(String id) {
        StoredFile file = files.remove(id);
        if (file == null) {
            return false;
        }
        try {
            Files.deleteIfExists(file.path());
        } catch (IOException e) {
            // Left for close() to sweep up with the directory.
        }
        return true;
    }

    /** Deletes every file and the directory. */
    @Override
    public void close() {
        files.clear();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.deleteIfExists(path);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A temporary directory the OS will clear; nothing else to do at shutdown.
        }
    }
}
