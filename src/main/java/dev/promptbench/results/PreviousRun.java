package dev.promptbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.results.request.Mode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an earlier results file already holds, for {@code --resume}: its prompt file's SHA-256 and,
 * per mode, which prompts ended {@code ok} or {@code filtered} (a bitset by index, not a set of
 * strings). A last line cut short by a killed process is tolerated and left out.
 *
 * @param promptSha256 the header's {@code prompt_file_sha256}
 * @param done         per mode, the indices that need no new request
 * @param validBytes   the length of the file up to its last complete line
 * @param settings     the settings the run was started with, by flag (empty for a file that has none)
 */
public record PreviousRun(String promptSha256, Map<Mode, BitSet> done, long validBytes, Map<String, String> settings) {

    /** Reads a results file; the message of the exception names the file and line. */
    public static PreviousRun read(Path file) throws IOException, InvalidResultsException {
        Map<Mode, BitSet> done = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) done.put(mode, new BitSet());
        String sha = null;
        Map<String, String> settings = new LinkedHashMap<>();
        boolean headerSeen = false;
        long validBytes = 0;
        long offset = 0;
        int lineNumber = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            int b;
            while ((b = in.read()) != -1) {
                offset++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNumber++;
                JsonNode record = parse(line, file, lineNumber);
                line.reset();
                validBytes = offset;
                if (record == null) continue;
                String type = record.path("type").asText();
                if (!headerSeen) {
                    if (!"run".equals(type)) {
                        throw new InvalidResultsException(file + ":" + lineNumber
                                + ": not a promptbench results file (no run header)");
                    }
                    headerSeen = true;
                    refuseOtherKinds(record, file);
                    record.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(),
                            e.getValue().asText()));
                    sha = record.path("prompt_file_sha256").isTextual()
                            ? record.get("prompt_file_sha256").asText() : null;
                } else if ("request".equals(type) && record.path("repeat").asInt(0) == 0
                        && !record.path("warmup").asBoolean(false)) {
                    markIfDone(record, done);
                }
            }
            // Whatever follows the last newline is a line cut short: ignored, and cut off before appending.
        } catch (NoSuchFileException e) {
            throw new InvalidResultsException(file + ": no such file");
        }
        if (!headerSeen) throw new InvalidResultsException(file + ": empty, or not a promptbench results file");
        return new PreviousRun(sha, done, validBytes, settings);
    }

    /** A batch's or a sweep's results are not a run to finish: appending run records would mix two kinds. */
    private static void refuseOtherKinds(JsonNode header, Path file) throws InvalidResultsException {
        RunKind kind = RunKind.parse(header.path("config").path("mode").asText(header.path("mode").asText(null)));
        if (kind == RunKind.BATCH) {
            throw new InvalidResultsException(file + ": the results of a batch, not of a run; "
                    + "'batch fetch STATE --retry-failed' sends its failed prompts again");
        }
        if (kind == RunKind.SWEEP) {
            throw new InvalidResultsException(file + ": the results of a sweep, not of a run; start a new sweep");
        }
    }

    private static JsonNode parse(ByteArrayOutputStream line, Path file, int lineNumber)
            throws InvalidResultsException {
        String text = line.toString(StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return null;
        try {
            return RecordJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new InvalidResultsException(file + ":" + lineNumber + ": not valid JSON");
        }
    }

    private static void markIfDone(JsonNode record, Map<Mode, BitSet> done) {
        String status = record.path("status").asText();
        if (!"ok".equals(status) && !"filtered".equals(status)) return;
        for (Mode mode : Mode.values()) {
            if (mode.wireName().equals(record.path("mode").asText())) {
                done.get(mode).set(record.path("index").asInt());
            }
        }
    }

    /** A results file that cannot be resumed from. */
    public static final class InvalidResultsException extends Exception {
        public InvalidResultsException(String message) {
            super(message);
        }
    }
}
