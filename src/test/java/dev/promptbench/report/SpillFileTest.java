package dev.promptbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill file gives back every record whole, in any order, however long, while it still grows. */
class SpillFileTest {
    @TempDir
    Path dir;

    @Test
    void recordsComeBackWholeInAnyOrderAcrossTheReadWindowAndLaterAppends() throws Exception {
        Random random = new Random(7);
        List<String> records = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        try (SpillFile spill = new SpillFile(dir)) {
            for (int i = 0; i < 3000; i++) {
                // Mostly short records, some longer than the 64 KiB window, one empty.
                int length = i == 17 ? 0 : i % 500 == 3 ? 150_000 + random.nextInt(1000) : random.nextInt(900);
                String record = ("r" + i + "-").repeat(length / 2 + 1).substring(0, length);
                records.add(record);
                offsets.add(spill.append(record.getBytes(StandardCharsets.UTF_8)));
                if (i % 700 == 0) {
                    // A read while the file still grows: a later append must not be hidden by the window.
                    int any = random.nextInt(records.size());
                    assertEquals(records.get(any), text(spill.read(offsets.get(any))), "record " + any);
                }
            }
            for (int i = 0; i < records.size(); i++) {
                assertEquals(records.get(i), text(spill.read(offsets.get(i))), "in order, record " + i);
            }
            for (int n = 0; n < 2000; n++) {
                int i = random.nextInt(records.size());
                assertEquals(records.get(i), text(spill.read(offsets.get(i))), "at random, record " + i);
            }
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
