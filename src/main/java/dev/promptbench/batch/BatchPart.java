package dev.promptbench.batch;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;

/**
 * One input file of a batch submission and the batch made from it, as the state file records it.
 *
 * @param number          1-based, unique across rounds
 * @param round           0 for the first submission, 1.. for the rounds of {@code --retry-failed}
 * @param lines           the part's file of input lines (unwrapped in the state file: its keys stay flat)
 * @param inputFileId     the uploaded file's id, or null before the upload
 * @param batchId         the batch's id, or null while it waits to be created
 * @param earlierBatchIds batches made from this file that the service refused for its token quota
 * @param job             the batch as last seen, or null before it is created
 * @param submittedAt     when the batch was created (ISO-8601), or null
 */
public record BatchPart(int number, int round, @JsonUnwrapped Lines lines, String inputFileId, String batchId,
                        List<String> earlierBatchIds, BatchJob job, String submittedAt) {

    public BatchPart {
        earlierBatchIds = earlierBatchIds == null ? List.of() : List.copyOf(earlierBatchIds);
    }

    /**
     * A part's input lines, written beside the state file.
     *
     * @param file    relative to the state file's folder
     * @param prompts lines in the file
     * @param bytes   the file's size
     */
    public record Lines(String file, int prompts, long bytes) {}

    /** A part just written, waiting to be uploaded. */
    static BatchPart written(PartWriter.Written w, int round) {
        return new BatchPart(w.number(), round, new Lines(w.file(), w.prompts(), w.bytes()), null, null, null, null,
                null);
    }

    /** The part's file of input lines, relative to the state file's folder. */
    public String file() { return lines.file(); }

    /** Prompts in the part. */
    public int prompts() { return lines.prompts(); }

    /** The status as this client sees it: waiting until created, then the service's. */
    public BatchStatus status() {
        return job == null ? BatchStatus.WAITING : job.status();
    }

    public BatchPart withInputFile(String id) {
        return new BatchPart(number, round, lines, id, batchId, earlierBatchIds, job, submittedAt);
    }

    public BatchPart withBatch(BatchJob created, String at) {
        return new BatchPart(number, round, lines, inputFileId, created.id(), earlierBatchIds, created, at);
    }

    public BatchPart withJob(BatchJob seen) {
        return new BatchPart(number, round, lines, inputFileId, batchId, earlierBatchIds, seen, submittedAt);
    }

    /** Back to waiting: the service refused the batch for its quota, a new one is to be created. */
    public BatchPart requeued() {
        List<String> earlier = new ArrayList<>(earlierBatchIds);
        if (batchId != null) earlier.add(batchId);
        return new BatchPart(number, round, lines, inputFileId, null, earlier, null, null);
    }
}
