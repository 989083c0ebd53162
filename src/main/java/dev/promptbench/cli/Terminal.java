package dev.promptbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the terminal around us allows: live progress only when stderr is a terminal and nobody
 * asked for plain output (CI logs, {@code --quiet}).
 */
final class Terminal {
    private Terminal() {}

    /** True when live progress may be drawn on stderr. */
    static boolean progressAllowed(Map<String, String> env, boolean quiet) {
        if (quiet || env.containsKey("CI") || "dumb".equals(env.get("TERM"))) return false;
        return stderrIsTerminal();
    }

    /** The terminal's width: COLUMNS when the shell exports it, else 80 (Java cannot ask the terminal). */
    static int columns(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
            return columns > 0 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /**
     * How wide the report's table may be: COLUMNS when exported (the launcher exports it on a terminal), 80
     * on a terminal that does not say, and no limit when stdout is a file or a pipe (nothing wraps there).
     */
    static int tableWidth(Map<String, String> env) {
        if (env.containsKey("COLUMNS")) return columns(env);
        return System.console() != null ? 80 : Integer.MAX_VALUE;
    }

    /**
     * Java has no isatty for stderr: on Linux, /proc tells where file descriptor 2 points; elsewhere
     * fall back to the console check (stdin and stdout are a terminal).
     */
    private static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception ignored) {
            // Not readable: use the portable check below.
        }
        return System.console() != null;
    }
}
