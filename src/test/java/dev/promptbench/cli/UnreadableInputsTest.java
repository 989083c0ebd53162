package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file option given a path that cannot be read (here a folder): one line naming the flag, the path and why
 * in plain words, exit 2, and never the name of a Java exception.
 */
class UnreadableInputsTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWhereAFileBelongsIsNamedInPlainWords() throws Exception {
        Path prompts = Files.writeString(dir.resolve("p.txt"), "one\n");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        for (List<String> args : List.of(
                List.of("run", prompts.toString(), "--extra-body", folder.toString()),
                List.of("run", prompts.toString(), "--config", folder.toString()),
                List.of("run", prompts.toString(), "--endpoint", "https://example.invalid/v1", "--model", "m",
                        "--ca-cert", folder.toString()))) {
            CliRun run = CliRun.of(java.util.Map.of("OPENAI_API_KEY", "k"), args.toArray(String[]::new));

            assertEquals(2, run.exitCode(), args + ": " + run.err());
            assertTrue(run.err().contains(folder.toString()), args + ": " + run.err());
            assertTrue(run.err().contains("is a directory"), args + ": " + run.err());
            assertFalse(run.err().contains("Exception"), args + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), args + ": " + run.err());
        }
    }
}
