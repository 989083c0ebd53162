package dev.promptbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Each worker holds a connection (a file descriptor): warn before starting more threads than the
 * process may open files (Linux's soft limit, from /proc; elsewhere nothing is known, nothing said).
 */
final class OpenFileLimit {
    /** Descriptors the JVM, the jar, the results file and the simulator use besides the connections. */
    private static final int HEADROOM = 64;

    private OpenFileLimit() {}

    /** A warning line when {@code threads} connections may not fit, else null. */
    static String warning(int threads) {
        OptionalLong limit = softLimit(Path.of("/proc/self/limits"));
        if (limit.isEmpty() || threads + HEADROOM <= limit.getAsLong()) return null;
        return "warning: " + threads + " threads need up to " + (threads + HEADROOM) + " open files, but this "
                + "process may open " + limit.getAsLong() + " (ulimit -n); raise it, e.g. ulimit -n "
                + Math.max(4096, Integer.highestOneBit(threads + HEADROOM) * 2) + ", or use fewer threads";
    }

    static OptionalLong softLimit(Path limits) {
        try {
            for (String line : Files.readAllLines(limits)) {
                if (!line.startsWith("Max open files")) continue;
                String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                return "unlimited".equals(fields[0]) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(fields[0]));
            }
        } catch (IOException | RuntimeException notLinux) {
            // No /proc here (macOS, Windows): nothing to check.
        }
        return OptionalLong.empty();
    }
}
