package dev.promptbench.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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

    /**
     * Reads the state; a file that is not one (a results file, JSON of another shape, a state file missing what
     * every state file has) is a {@link StateFileException} of one plain line.
     */
    public BatchState load() throws StateFileException {
        if (!Files.isRegularFile(path)) throw new StateFileException(path + ": no such state file");
        JsonNode tree;
        try (JsonParser parser = JSON.createParser(path.toFile())) {
            tree = JSON.readTree(parser);
            // A results file's first line is its header, which says what the file is.
            if (tree != null && "run".equals(tree.path("type").asText(null))) {
                throw new StateFileException(path + ": a promptbench results file, not a batch state file (the state "
                        + "file is the .json file 'batch submit' or 'batch run' wrote)");
            }
            if (parser.nextToken() != null) throw notAStateFile();
        } catch (IOException e) {
            // Jackson's text names its own classes and positions: the user needs only the verdict.
            throw notAStateFile();
        }
        BatchState state;
        try {
            state = JSON.treeToValue(tree, BatchState.class);
        } catch (IOException | IllegalArgumentException e) {
            throw notAStateFile();
        }
        if (state == null || !whole(state)) throw notAStateFile();
        return state;
    }

    /** What every state file this version wrote has: its version, the prompt file, the endpoint and its parts. */
    private static boolean whole(BatchState state) {
        return state.schemaVersion() == BatchState.SCHEMA_VERSION && !state.parts().isEmpty()
                && state.input() != null && state.input().promptFile() != null
                && state.endpoint() != null && state.endpoint().endpointUrl() != null
                && state.parts().stream().allMatch(p -> p != null && p.file() != null);
    }

    private StateFileException notAStateFile() {
        return new StateFileException(path + ": not a promptbench batch state file");
    }
}
