package dev.promptbench.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSourceTest {

    private static final int LINES = 100_000;

    @TempDir
    Path dir;

    @Test
    void severalThreadsGetEachPromptExactlyOnce() throws Exception {
        Path file = numberedFile("many.txt", 20_000);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (PromptFile prompts = PromptFile.open(file.toString(), TextPromptStyle.DEFAULT);
             PromptSource source = prompts.source()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Prompt>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<Prompt>> worker = () -> {
                    start.await();
                    List<Prompt> mine = new ArrayList<>();
                    for (Prompt p = source.next(); p != null; p = source.next()) {
                        mine.add(p);
                    }
                    return mine;
                };
                results.add(pool.submit(worker));
            }
            start.countDown();

            BitSet seen = new BitSet();
            int total = 0;
            for (Future<List<Prompt>> result : results) {
                for (Prompt p : result.get()) {
                    assertEquals("line-" + (p.index() + 1), p.id());
                    assertEquals("prompt " + p.index(), ((Message.Content.Text) p.messages().get(0).content()).text());
                    seen.set(p.index());
                    total++;
                }
            }
            assertEquals(20_000, total);
            assertEquals(20_000, seen.cardinality());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void largeFileStreamsWithoutHoldingPrompts() throws Exception {
        Path file = numberedFile("big.txt", LINES);

        try (PromptFile prompts = PromptFile.open(file.toString(), TextPromptStyle.DEFAULT)) {
            assertEquals(LINES, prompts.count());
            long count = 0;
            Prompt last = null;
            try (PromptSource source = prompts.source()) {
                for (Prompt p = source.next(); p != null; p = source.next()) {
                    count++;
                    last = p;
                }
                assertNull(source.next(), "stays at the end");
            }
            assertEquals(LINES, count);
            assertEquals("line-" + LINES, last.id());
        }
    }

    @Test
    void sourcesAreIndependentAndClosedSourcesEnd() throws Exception {
        Path file = numberedFile("few.txt", 3);

        try (PromptFile prompts = PromptFile.open(file.toString(), TextPromptStyle.DEFAULT)) {
            PromptSource one = prompts.source();
            PromptSource two = prompts.source();
            assertEquals(0, one.next().index());
            assertEquals(1, one.next().index());
            assertEquals(0, two.next().index());
            one.close();
            assertNull(one.next());
            assertEquals(1, two.next().index());
            two.close();
        }
    }

    private Path numberedFile(String name, int lines) throws Exception {
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write("prompt " + i);
                out.write('\n');
            }
        }
        return file;
    }
}
