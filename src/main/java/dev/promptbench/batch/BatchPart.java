package dev.promptbench.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * One input file of a batch submission and the batch made from it, as the state file records it.
 *
 * @param number          1-based, unique across rounds
 * @param round           0 for the first submission, 1.. for the rounds of {@code --retry-failed}
 * @param file            the input lines, kept beside the state file (relative to its folder)
 * @param prompts         lines in the file
 * @param bytes           the file's size
 * @param inputFileId     the uploaded file's id, or null before the upload
 * @param batchId         the batch's id, or null while it waits to be created
 * @param earlierBatchIds batches made from this file that the service refused for its token quota
 * @param job             the batch as last seen, or null before it is created
 * @param submittedAt     when the batch was created (ISO-8601), or null
 */
public record BatchPart(int number, int round, String file, int prompts, long bytes, String inputFileId,
                        String batchId, List<String> earlierBatchIds, BatchJob job, String submittedAt) {

    public BatchPart {
        earlierBatchIds = earlierBatchIds == null ? List.of() : List.copyOf(earlierBatchIds);
    }

    /** The status as this client sees it: waiting until created, then the service's. */
    public BatchStatus status() {
        return job == null ? BatchStatus.WAITING : job.status();
    }

    public BatchPart withInputFile(String id) {
        return new BatchPart(number, round, file, prompts, bytes, id, batchId, earlierBatchIds, job, submittedAt);
    }

    public BatchPart withBatch(BatchJob created, String at) {
        return new BatchPart(number, round, file, prompts, bytes, inputFileId, created.id(), earlierBatchIds, created,
                at);
    }

    public BatchPart withJob(BatchJob seen) {
        return new BatchPart(number, round, file, prompts, bytes, inputFileId, batchId, earlierBatchIds, seen,
                submittedAt);
    }

    /** Back to waiting: the service refused the batch for its quota, a new one is to be created. */
    public BatchPart requeued() {
        List<String> earlier = new ArrayList<>(earlierBatchIds);
        if (batchId != null) earlier.add(batchId);
        return new BatchPart(number, round, file, prompts, bytes, inputFileId, null, earlier, null, null);
    }
}
