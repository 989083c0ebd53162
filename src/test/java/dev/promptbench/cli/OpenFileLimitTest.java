package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFileLimitTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSoftLimitFromProc() throws Exception {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max open files            1024                 524288               files\n");
        assertEquals(OptionalLong.of(1024), OpenFileLimit.softLimit(limits));
    }

    @Test
    void unlimitedOrMissingMeansNothingToSay() throws Exception {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, "Max open files            unlimited            unlimited            files\n");
        assertTrue(OpenFileLimit.softLimit(limits).isEmpty());
        assertTrue(OpenFileLimit.softLimit(dir.resolve("none")).isEmpty());
    }

    @Test
    void aFewThreadsNeverWarn() {
        assertEquals(null, OpenFileLimit.warning(4));
    }
}
