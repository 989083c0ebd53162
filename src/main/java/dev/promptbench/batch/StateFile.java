package dev.promptbench.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The state file of a submission (JSON): created once, never over another file, then replaced whole
 * (write beside, then rename) each time a part changes, so a killed process leaves the last good state.
 */
public final class StateFile {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private final Path path;

    public StateFile(Path path) {
        this.path = path;
    }

    public Path path() { return path; }

    /** The folder the part files are in. */
    public Path partsDir(BatchState state) {
        Path parent = path.toAbsolutePath().getParent();
        return parent.resolve(state.partsDir());
    }

    /** Writes the first state; fails if a file is already there. */
    public void create(BatchState state) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (var out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            JSON.writeValue(out, state);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(path + " already exists; a state file is never overwritten", e);
        }
    }

    /** Replaces the state. */
    public void save(BatchState state) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), state);
        try {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads the state; a file that is not one is a {@link StateFileException}. */
    public BatchState load() throws StateFileException {
        if (!Files.isRegularFile(path)) throw new StateFileException(path + ": no such state file");
        try {
            BatchState state = JSON.readValue(path.toFile(), BatchState.class);
            if (state.schemaVersion() != BatchState.SCHEMA_VERSION || state.parts().isEmpty()) {
                throw new StateFileException(path + ": not a promptbench batch state file");
            }
            return state;
        } catch (IOException e) {
            throw new StateFileException(path + ": not a promptbench batch state file (" + e.getClass().getSimpleName()
                    .replace("Exception", "") + ")");
        }
    }
}
