package dev.promptbench.results;

import dev.promptbench.results.request.RequestError;
import dev.promptbench.results.request.RequestStatus;

/**
 * One prompt's result from the Batch API, as a results-file record ({@code mode "batch"}).
 *
 * @param index          the prompt's 0-based position in the prompt file
 * @param httpStatus     the line's {@code response.status_code}, or null when the line never ran
 * @param batchRequestId the output line's {@code id} ({@code batch_req_...}), or null
 * @param requestId      the line's {@code response.request_id}, or null
 * @param batchId        the batch the prompt's last line belonged to, or null when it never got one
 * @param part           the part number of that batch
 * @param attempts       how many batches the prompt was sent in ({@code --retry-failed} rounds)
 */
public record BatchRequest(int index, String id, RequestStatus status, String finishReason, Integer httpStatus,
                           RequestError error, Integer promptTokens, Integer completionTokens, String answer,
                           String model, String requestId, String batchRequestId, String batchId, int part,
                           int attempts) {

    public BatchRequest withAttempts(int count) {
        return new BatchRequest(index, id, status, finishReason, httpStatus, error, promptTokens, completionTokens,
                answer, model, requestId, batchRequestId, batchId, part, count);
    }
}
