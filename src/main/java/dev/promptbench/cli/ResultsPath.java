package dev.promptbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Where the per-request results go: the user's --out, or a fresh file under results/. */
final class ResultsPath {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private ResultsPath() {}

    static Path choose(Path out, boolean force) {
        if (out != null) {
            if (Files.exists(out) && !force) {
                throw new UsageException("--out " + out + " already exists: pass --force to overwrite it");
            }
            return out;
        }
        String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path candidate = Path.of("results", stamp + ".jsonl");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = Path.of("results", stamp + "-" + n + ".jsonl");
        }
        return candidate;
    }
}
