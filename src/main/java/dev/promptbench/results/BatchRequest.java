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
 * @param reasoningTokens of the completion tokens, those spent on reasoning, or null when not reported
 * @param cachedTokens   of the prompt tokens, those read from the prompt cache, or null when not reported
 * @param attempts       how many batches the prompt was sent in ({@code --retry-failed} rounds)
 * @param cost           what the answer cost at the Batch API's price, or null when not known
 */
public record BatchRequest(int index, String id, RequestStatus status, String finishReason, Integer httpStatus,
                           RequestError error, Integer promptTokens, Integer completionTokens,
                           Integer reasoningTokens, Integer cachedTokens, String answer, String model,
                           String requestId, String batchRequestId, String batchId, int part, int attempts,
                           Double cost) {

    /** A line's result, its cost not yet known. */
    public BatchRequest(int index, String id, RequestStatus status, String finishReason, Integer httpStatus,
                        RequestError error, Integer promptTokens, Integer completionTokens, Integer reasoningTokens,
                        Integer cachedTokens, String answer, String model, String requestId, String batchRequestId,
                        String batchId, int part) {
        this(index, id, status, finishReason, httpStatus, error, promptTokens, completionTokens, reasoningTokens,
                cachedTokens, answer, model, requestId, batchRequestId, batchId, part, 1, null);
    }

    /** The same result for the prompt {@code named}, sent in {@code count} batches. */
    public BatchRequest of(String named, int count) {
        return new BatchRequest(index, named, status, finishReason, httpStatus, error, promptTokens, completionTokens,
                reasoningTokens, cachedTokens, answer, model, requestId, batchRequestId, batchId, part, count, cost);
    }

    /** The same result at {@code price}. */
    public BatchRequest withCost(Double price) {
        return new BatchRequest(index, id, status, finishReason, httpStatus, error, promptTokens, completionTokens,
                reasoningTokens, cachedTokens, answer, model, requestId, batchRequestId, batchId, part, attempts,
                price);
    }
}
