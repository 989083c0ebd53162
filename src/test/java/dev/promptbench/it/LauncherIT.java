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

    /**
     * Ctrl-C while the launcher makes its archive (the first start after a build, a few seconds): the
     * launcher stops with 130 as the run itself would. Before, the JVM dumping the archive ended on the
     * signal with a plain exit code, the launcher took that for a failed dump, marked the archive as not to
     * be made again, and started the run the user had just interrupted.
     */
    @Test
    void ctrlCWhileTheArchiveIsMadeStopsTheLauncher() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path prompts = Files.writeString(dir.resolve("p.txt"), "one\ntwo\n");
        Path results = dir.resolve("r.jsonl");
        // Its own session, so the signal goes to the launcher and its child together, as Ctrl-C in a terminal does.
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", launcher.toString(), "run", prompts.toString(),
                "--sim-ttft-median", "0ms", "--out", results.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TMPDIR", tmp.toString());
        builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Process process = builder.redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        Path training = awaitCreated(tmp, null);
        // The last step: the class list is whole and the JVM that dumps the archive runs.
        awaitCreated(training, "all.classes");
        awaitHandlingSigint(awaitDescendant(process, "-Xshare:dump"));

        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).start();
        assertEquals(0, kill.waitFor());

        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
        assertEquals(130, process.exitValue(), Files.readString(dir.resolve("err.txt")));
        assertFalse(Files.exists(results), "the interrupted run was not started");
        try (Stream<Path> files = Files.list(jar.getParent())) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".failed")), "training is tried again next time");
        }
    }

    /** Waits until a process started by {@code parent} has {@code argument} on its command line. */
    private static ProcessHandle awaitDescendant(Process parent, String argument) {
        return awaitFor("a process with " + argument, () -> parent.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(argument)).findFirst().orElse(null));
    }

    /**
     * Waits until {@code process} catches SIGINT itself (Linux's /proc says so): a JVM has started far enough
     * to end on Ctrl-C with an exit code of its own rather than die of the signal.
     */
    private static void awaitHandlingSigint(ProcessHandle process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(status), "Linux's /proc");
        awaitFor("SIGINT caught by " + process.pid(), () -> {
            try {
                return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigCgt:"))
                        .map(l -> Long.parseLong(l.substring(7).strip(), 16)).filter(mask -> (mask & 0x2) != 0)
                        .findFirst().orElse(null);
            } catch (IOException gone) {
                throw new AssertionError("the process ended first", gone);
            }
        });
    }

    private static <T> T awaitFor(String what, java.util.function.Supplier<T> probe) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (T found = probe.get(); ; found = probe.get()) {
            if (found != null) return found;
            if (System.nanoTime() > deadline) throw new AssertionError("no " + what);
            // Nothing announces a process start or its signal handlers: look again after a moment.
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Waits (without polling) until {@code name} (or, when null, anything) is created in {@code folder}. */
    private static Path awaitCreated(Path folder, String name) throws Exception {
        try (java.nio.file.WatchService watch = folder.getFileSystem().newWatchService()) {
            folder.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try (Stream<Path> files = Files.list(folder)) {
                    java.util.Optional<Path> found = files.filter(f -> name == null
                            || f.getFileName().toString().equals(name)).findFirst();
                    if (found.isPresent()) return found.get();
                }
                java.nio.file.WatchKey key = watch.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (key == null) throw new AssertionError("nothing named " + name + " in " + folder);
                key.pollEvents();
                key.reset();
            }
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
