package dev.promptbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash launcher in a release layout (launcher + lib/promptbench.jar): it prints the build's version,
 * makes a class-data archive beside the jar, and a broken, stale or disabled archive never breaks a run.
 */
class LauncherIT {
    @TempDir
    Path dir;

    private Path launcher;
    private Path jar;

    @BeforeEach
    void releaseLayout() throws IOException {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "the bash launcher");
        launcher = dir.resolve("promptbench");
        Files.copy(Path.of("promptbench"), launcher);
        launcher.toFile().setExecutable(true);
        jar = Files.createDirectories(dir.resolve("lib")).resolve("promptbench.jar");
        Files.copy(Path.of(System.getProperty("promptbench.jar")), jar);
    }

    @Test
    void versionComesFromTheBuildAndAnArchiveIsMadeOnceAndNeverBreaksARun() throws Exception {
        Result first = launch(Map.of(), "--version");

        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("promptbench " + System.getProperty("promptbench.version") + "\n"),
                first.out());
        assertEquals("", first.err());
        Path archive = archive();
        FileTime made = Files.getLastModifiedTime(archive);

        Result second = launch(Map.of(), "--version");

        assertEquals(first.out(), second.out());
        assertEquals("", second.err());
        assertEquals(made, Files.getLastModifiedTime(archive), "the archive is reused, not made again");

        Files.writeString(archive, "not a class-data archive");
        Result broken = launch(Map.of(), "--version");

        assertEquals(0, broken.code(), broken.err());
        assertEquals(first.out(), broken.out());
        assertEquals("", broken.err(), "a broken archive is ignored silently");
    }

    @Test
    void aNewerJarGetsANewArchive() throws Exception {
        launch(Map.of(), "--version");
        Path archive = archive();
        Files.writeString(archive, "stale");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 5_000));

        Result run = launch(Map.of(), "--version");

        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(Files.size(archive) > 100_000, "remade: " + Files.size(archive) + " bytes");
    }

    @Test
    void cdsCanBeTurnedOff() throws Exception {
        Result run = launch(Map.of("PROMPTBENCH_CDS", "0"), "--version");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("promptbench "), run.out());
        try (Stream<Path> files = Files.list(jar.getParent())) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".jsa")), "no archive");
        }
    }

    private Path archive() throws IOException {
        try (Stream<Path> files = Files.list(jar.getParent())) {
            List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
            assertEquals(1, archives.size(), archives.toString());
            return archives.get(0);
        }
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", launcher.toString()),
                Stream.of(args)).toList());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        builder.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "launcher finished");
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int code, String out, String err) {}
}
