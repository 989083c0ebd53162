package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule for output files: atomic creation, unique default names, write failures recorded. */
class OutputFilesTest {
    @TempDir
    Path dir;

    private static final Instant SAME_SECOND = Instant.parse("2026-01-02T03:04:05Z");

    private OutputFile defaultIn(Path folder) {
        OutputFile name = OutputFile.defaultResults("--out", SAME_SECOND);
        return new OutputFile("--out", folder.resolve(name.path()), OutputFile.Mode.UNIQUE);
    }

    @Test
    void runsStartedInTheSameSecondEachGetTheirOwnDefaultFile() throws Exception {
        int runs = 8;
        CountDownLatch start = new CountDownLatch(1);
        Set<Path> opened = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int run = i;
                all.add(pool.submit(() -> {
                    // Each run checks first (nothing exists yet for any of them), then opens.
                    OutputFiles outputs = OutputFiles.check(defaultIn(dir), List.of(), List.of());
                    start.await();
                    OutputFiles.Opened file = outputs.open(outputs.results());
                    try (OutputStream out = file.stream()) {
                        out.write(("run " + run).getBytes(StandardCharsets.UTF_8));
                    }
                    opened.add(file.path());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : all) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(runs, opened.size(), "each run its own file: " + opened);
        for (Path file : opened) assertTrue(Files.readString(file).startsWith("run "), file.toString());
        assertTrue(opened.contains(dir.resolve("results/20260102T030405Z.jsonl")), opened.toString());
        assertTrue(opened.contains(dir.resolve("results/20260102T030405Z-2.jsonl")), opened.toString());
    }

    @Test
    void aNamedFileCreatedAfterTheCheckIsNotOverwritten() throws Exception {
        Path path = dir.resolve("r.jsonl");
        OutputFiles outputs = OutputFiles.check(OutputFile.of("--out", path, false), List.of(), List.of());
        Files.writeString(path, "someone else's");
        OutputFileException refused = assertThrows(OutputFileException.class, () -> outputs.open(outputs.results()));
        assertTrue(refused.getMessage().contains("--out " + path), refused.getMessage());
        assertEquals("someone else's", Files.readString(path));
    }

    @Test
    void aFailedWriteIsRecordedOnceAndLaterWritesAreDropped() throws Exception {
        Path path = dir.resolve("r.csv");
        OutputFile csv = OutputFile.of("--csv", path, false);
        OutputFiles outputs = OutputFiles.check(null, List.of(csv), List.of());
        OutputStream failing = new OutputStream() {
            @Override public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        GuardedStream guarded = new GuardedStream(failing, csv, path, outputs);
        guarded.write(new byte[] {1, 2, 3}, 0, 3);
        guarded.write(4);
        guarded.flush();
        guarded.close();
        assertEquals(List.of("could not write --csv " + path + ": No space left on device"), outputs.failures());
    }

    @Test
    void aFileRemovedWhileItWasWrittenIsNoticed() throws Exception {
        Path path = dir.resolve("r.jsonl");
        OutputFiles outputs = OutputFiles.check(OutputFile.of("--out", path, false), List.of(), List.of());
        OutputFiles.Opened opened = outputs.open(outputs.results());
        opened.stream().write('x');
        Files.delete(path);
        opened.stream().write('y');
        opened.stream().close();
        assertEquals(1, outputs.failures().size(), outputs.failures().toString());
        assertTrue(outputs.failures().get(0).contains("--out " + path + " was removed"), outputs.failures().get(0));
    }

    @Test
    void aWholeOutputThatCannotBeWrittenIsRecordedNotThrown() throws Exception {
        Path path = dir.resolve("r.html");
        OutputFile html = OutputFile.of("--html", path, false);
        OutputFiles outputs = OutputFiles.check(null, List.of(html), List.of());
        assertFalse(outputs.write(html, out -> {
            throw new IOException("results file unreadable");
        }));
        assertEquals(List.of("could not write --html " + path + ": results file unreadable"), outputs.failures());
    }

    /** A report is written beside its name and moved there whole: a process stopped meanwhile leaves no half. */
    @Test
    void aWholeOutputAppearsUnderItsNameOnlyWhenComplete() throws Exception {
        Path path = dir.resolve("r.html");
        OutputFile html = OutputFile.of("--html", path, false);
        OutputFiles outputs = OutputFiles.check(null, List.of(html), List.of());
        assertTrue(outputs.write(html, out -> {
            out.write("<html>half");
            out.flush();
            assertFalse(Files.exists(path), "nothing under the final name while it is written");
            out.write(" and the rest</html>");
        }));
        assertEquals("<html>half and the rest</html>", Files.readString(path));
        assertEquals(List.of("r.html"), names(), "no partial file left beside it");
    }

    @Test
    void aReplacedOutputKeepsItsOldContentUntilTheNewOneIsWhole() throws Exception {
        Path path = dir.resolve("r.html");
        Files.writeString(path, "old");
        OutputFile html = OutputFile.of("--html", path, true);
        OutputFiles outputs = OutputFiles.check(null, List.of(html), List.of());
        assertFalse(outputs.write(html, out -> {
            out.write("new, half");
            out.flush();
            assertEquals("old", Files.readString(path));
            throw new IOException("stopped");
        }));
        assertEquals("old", Files.readString(path), "a write that did not finish leaves the old file");
        assertEquals(List.of("r.html"), names());
        assertTrue(outputs.write(html, out -> out.write("new")));
        assertEquals("new", Files.readString(path));
    }

    /** What a second Ctrl-C does before it halts the process: the half-written reports go. */
    @Test
    void partialOutputsCanBeDiscardedFromAnotherThread() throws Exception {
        Path path = dir.resolve("r.html");
        OutputFile html = OutputFile.of("--html", path, false);
        OutputFiles outputs = OutputFiles.check(null, List.of(html), List.of());
        List<String> during = new ArrayList<>();
        outputs.write(html, out -> {
            out.write("half");
            out.flush();
            during.addAll(names());
            Thread discard = new Thread(outputs::discardPartial);
            discard.start();
            try {
                discard.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(List.of(), names(), "the partial file is gone");
        });
        assertEquals(1, during.size(), "the partial file was beside the final name: " + during);
        assertEquals(List.of(), names(), "nothing under the final name either");
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void appendingKeepsEverythingUpToTheLastCompleteLine() throws Exception {
        Path path = dir.resolve("r.jsonl");
        Files.writeString(path, "{\"a\":1}\n{\"b\":");
        OutputFiles outputs = OutputFiles.check(OutputFile.appending("--resume", path), List.of(), List.of());
        try (OutputStream out = outputs.append(outputs.results(), 8).stream()) {
            out.write("{\"c\":3}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("{\"a\":1}\n{\"c\":3}\n", Files.readString(path));
        assertTrue(outputs.failures().isEmpty(), outputs.failures().toString());
    }

    @Test
    void anOutputMustHaveBeenChecked() {
        OutputFiles outputs = OutputFiles.check(null, List.of(), List.of());
        assertThrows(IllegalArgumentException.class,
                () -> outputs.open(OutputFile.of("--csv", dir.resolve("x.csv"), false)));
    }
}
