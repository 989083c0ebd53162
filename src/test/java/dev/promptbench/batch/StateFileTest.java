package dev.promptbench.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that is not a batch state file is refused with one plain line, whatever it holds. */
class StateFileTest {
    @TempDir
    Path dir;

    /** The results file is one letter from the state file (x.batch.jsonl beside x.batch.json): an easy slip. */
    @Test
    void aResultsFileIsNamedAsOneAndTheStateFileAsked() throws Exception {
        Path results = Files.copy(Path.of("src/test/resources/golden/batch/results.jsonl"), dir.resolve("x.batch.jsonl"));

        StateFileException refused = assertThrows(StateFileException.class, () -> new StateFile(results).load());

        assertEquals(results + ": a promptbench results file, not a batch state file (the state file is the "
                + ".json file 'batch submit' or 'batch run' wrote)", refused.getMessage());
    }

    @Test
    void brokenOrForeignJsonIsRefusedWithoutAJavaName() throws Exception {
        for (String text : List.of("{\"schema_version\":1,\"parts\":[", "[1,2]", "{\"schema_version\":1,\"parts\":"
                + "[{\"index\":0}]}", "{\"schema_version\":\"one\"}", "not json")) {
            Path file = Files.writeString(dir.resolve("s.json"), text);

            StateFileException refused = assertThrows(StateFileException.class, () -> new StateFile(file).load(), text);

            assertEquals(file + ": not a promptbench batch state file", refused.getMessage().replaceAll(" \\(.*\\)$", ""),
                    text);
            assertFalse(refused.getMessage().matches(".*(Json|Mismatched|Invalid|EOF|Exception).*"), refused.getMessage());
        }
    }
}
