package dev.promptbench.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptbench.report.SpillFile;
import dev.promptbench.results.JsonLines;
import dev.promptbench.results.BatchRequest;
import dev.promptbench.results.request.RequestError;
import dev.promptbench.results.request.RequestStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Joins the output and error files of every part to the prompts on custom_id, streaming: each line's
 * custom_id is read (the parser stops there), checked (an unknown custom_id, one not sent in that part, or
 * one seen twice is reported and not joined) and the line spilled to disk as it came; only an offset and a
 * part per prompt stay in memory, and each line is parsed whole once, when its prompt's record is asked
 * for. A later round's line for a prompt replaces an earlier one. A prompt of a part with no line is
 * {@code not_run} when the part expired or was cancelled, an error otherwise.
 */
public final class BatchJoin implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Anomalies kept word for word; the rest are only counted. */
    private static final int ANOMALIES_KEPT = 20;

    /** An offset that says the prompt's part gave no line for it. */
    private static final long MISSING = -2;

    private final SpillFile spill;
    private final List<BatchPart> parts;
    private final long[] offsets;
    /** The position in {@link #parts} of the part each prompt's line came from. */
    private final int[] partOf;
    private final byte[] attempts;
    private final List<String> anomalies = new ArrayList<>();
    private int anomalyCount;

    private BatchJoin(Path dir, List<BatchPart> parts, int prompts) throws IOException {
        this.spill = new SpillFile(dir);
        this.parts = List.copyOf(parts);
        this.offsets = new long[prompts];
        this.partOf = new int[prompts];
        this.attempts = new byte[prompts];
        Arrays.fill(offsets, -1);
    }

    /** Downloads and joins every ended part of {@code state}. */
    public static BatchJoin of(BatchState state, StateFile stateFile, BatchApi api, Map<String, Integer> ids)
            throws IOException, InterruptedException {
        Path dir = stateFile.partsDir(state);
        BatchJoin join = new BatchJoin(dir, state.parts(), state.prompts());
        try {
            for (int position = 0; position < state.parts().size(); position++) {
                BatchPart part = state.parts().get(position);
                join.part(position, part, dir.resolve(part.file()), api, ids);
            }
            return join;
        } catch (IOException | InterruptedException | RuntimeException e) {
            join.close();
            throw e;
        }
    }

    private void part(int position, BatchPart part, Path file, BatchApi api, Map<String, Integer> ids)
            throws IOException, InterruptedException {
        BitSet members = members(file, ids);
        BitSet seen = new BitSet();
        BatchJob job = part.job();
        if (job != null && job.files().outputFileId() != null) {
            read(api, job.files().outputFileId(), "output", position, members, seen, ids);
        }
        if (job != null && job.files().errorFileId() != null) {
            read(api, job.files().errorFileId(), "error", position, members, seen, ids);
        }
        for (int index = members.nextSetBit(0); index >= 0; index = members.nextSetBit(index + 1)) {
            if (!seen.get(index)) put(index, MISSING, position);
        }
    }

    private void read(BatchApi api, String fileId, String which, int position, BitSet members, BitSet seen,
                      Map<String, Integer> ids) throws IOException, InterruptedException {
        BatchPart part = parts.get(position);
        try (JsonLines lines = new JsonLines(api.content(fileId))) {
            for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                byte[] bytes = line.bytes();
                int from = line.number() == 1 && startsWithBom(bytes, line.length()) ? 3 : 0;
                String where = "batch " + part.batchId() + " " + which + " file line " + line.number();
                String customId;
                try {
                    customId = InputLines.customId(Arrays.copyOfRange(bytes, from, line.length()));
                } catch (IOException e) {
                    anomaly(where + ": not JSON");
                    continue;
                }
                Integer index = customId == null ? null : ids.get(customId);
                if (index == null) {
                    anomaly(where + ": custom_id " + quoted(customId) + " is not a prompt of this submission");
                } else if (!members.get(index)) {
                    anomaly(where + ": custom_id " + quoted(customId) + " was not sent in part " + part.number());
                } else if (seen.get(index)) {
                    anomaly(where + ": custom_id " + quoted(customId) + " is repeated; the first line was kept");
                } else {
                    seen.set(index);
                    put(index, spill.append(Arrays.copyOfRange(bytes, from, line.length())), position);
                }
            }
        }
    }

    /** A UTF-8 byte-order mark, which some services put before the first line. */
    private static boolean startsWithBom(byte[] bytes, int length) {
        return length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    private static String quoted(String id) {
        return id == null ? "(none)" : "'" + id + "'";
    }

    private static BatchRequest missing(int index, BatchPart part) {
        BatchStatus status = part.status();
        String batch = part.batchId() == null ? "part " + part.number() : "batch " + part.batchId();
        BatchRequest.Line line = new BatchRequest.Line(null, part.batchId(), part.number());
        if (status == BatchStatus.EXPIRED || status == BatchStatus.CANCELLED || status == BatchStatus.WAITING) {
            return BatchRequest.failed(index, null, RequestStatus.NOT_RUN, new RequestError("batch_" + status.wireName(),
                    null, batch + " " + status.wireName() + " before this prompt ran"), line);
        }
        if (status == BatchStatus.FAILED && part.job() != null && !part.job().errors().isEmpty()) {
            BatchError first = part.job().errors().get(0);
            return BatchRequest.failed(index, null, RequestStatus.ERROR, new RequestError("batch_failed", first.code(),
                    batch + " failed: " + first.describe() + (part.job().errors().size() > 1 ? " (and "
                            + (part.job().errors().size() - 1) + " more)" : "")), line);
        }
        return BatchRequest.failed(index, null, RequestStatus.ERROR, new RequestError("batch_missing", null,
                batch + " " + status.wireName() + " with no line for this prompt in its output or error file"), line);
    }

    private void put(int index, long offset, int position) {
        offsets[index] = offset;
        partOf[index] = position;
        if (attempts[index] < Byte.MAX_VALUE) attempts[index]++;
    }

    /**
     * The prompts whose last line is an error or did not run (its batch failed or expired, not cancelled):
     * what {@code --retry-failed} sends again. Reads every joined line.
     */
    public BitSet unfinished() {
        BitSet unfinished = new BitSet();
        for (int index = 0; index < offsets.length; index++) {
            BatchRequest record = get(index, null);
            if (record == null) continue;
            // What a user cancelled is not sent again; what failed or expired is.
            boolean cancelled = record.error() != null && "batch_cancelled".equals(record.error().kind());
            unfinished.set(index, !cancelled
                    && (record.status() == RequestStatus.ERROR || record.status() == RequestStatus.NOT_RUN));
        }
        return unfinished;
    }

    private void anomaly(String line) {
        anomalyCount++;
        if (anomalies.size() < ANOMALIES_KEPT) anomalies.add(line);
    }

    /** Reads the custom_ids of a part's input file: the prompts it holds. */
    private BitSet members(Path file, Map<String, Integer> ids) throws IOException {
        BitSet members = new BitSet();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                if (text.isBlank()) continue;
                String id = InputLines.customId(text.getBytes(StandardCharsets.UTF_8));
                Integer index = id == null ? null : ids.get(id);
                if (index == null) {
                    throw new IOException(file + ": custom_id " + quoted(id)
                            + " is not a prompt of the prompt file (was the file changed?)");
                }
                members.set(index);
            }
        }
        return members;
    }

    /** The joined result of a prompt, or null when no part held it. */
    public BatchRequest get(int index, String id) {
        if (offsets[index] == -1) return null;
        BatchPart part = parts.get(partOf[index]);
        if (offsets[index] == MISSING) return missing(index, part).of(id, attempts[index]);
        byte[] line;
        try {
            line = spill.read(offsets[index]);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back the joined answers", e);
        }
        BatchRequest record;
        try {
            record = OutputLine.read(JSON.readTree(line), index, id, part.batchId(), part.number());
        } catch (IOException e) {
            // Its custom_id was readable, the rest of the line is not: the prompt's answer is broken.
            record = BatchRequest.failed(index, id, RequestStatus.ERROR, new RequestError("bad_response", null,
                    "batch " + part.batchId() + ": this prompt's line is not JSON"),
                    new BatchRequest.Line(null, part.batchId(), part.number()));
        }
        return record.of(id, attempts[index]);
    }

    /** The first lines that could not be joined, word for word. */
    public List<String> anomalies() { return List.copyOf(anomalies); }

    /** How many lines could not be joined. */
    public int anomalyCount() { return anomalyCount; }

    @Override
    public void close() throws IOException {
        spill.close();
    }
}
