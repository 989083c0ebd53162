package dev.promptbench.results;

import dev.promptbench.results.request.Reply;
import dev.promptbench.results.request.RequestError;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.Usage;

/**
 * One prompt's result from the Batch API, as a results-file record ({@code mode "batch"}).
 *
 * @param index    the prompt's 0-based position in the prompt file
 * @param reply    what the line answered: status, finish reason, the line's {@code response.status_code} (null
 *                 when the line never ran), error, {@code response.request_id}, model and answer
 * @param tokens   the line's token counts, each null when not reported
 * @param line     the output line and batch the answer came from
 * @param attempts how many batches the prompt was sent in ({@code --retry-failed} rounds)
 * @param cost     what the answer cost at the Batch API's price, or null when not known
 */
public record BatchRequest(int index, String id, Reply reply, Tokens tokens, Line line, int attempts, Double cost) {

    public BatchRequest {
        tokens = tokens == null ? Tokens.NONE : tokens;
    }

    /** A line's result, sent once, its cost not yet known. */
    public BatchRequest(int index, String id, Reply reply, Tokens tokens, Line line) {
        this(index, id, reply, tokens, line, 1, null);
    }

    /** The result of a prompt that got no answer of its own: {@code status} (error or not_run) and why. */
    public static BatchRequest failed(int index, String id, RequestStatus status, RequestError error, Line line) {
        return new BatchRequest(index, id, new Reply(status, null, null, error, null, null, null), Tokens.NONE, line);
    }

    /** The same result for the prompt {@code named}, sent in {@code count} batches. */
    public BatchRequest of(String named, int count) {
        return new BatchRequest(index, named, reply, tokens, line, count, cost);
    }

    /** The same result at {@code price}. */
    public BatchRequest withCost(Double price) {
        return new BatchRequest(index, id, reply, tokens, line, attempts, price);
    }

    public RequestStatus status() { return reply.status(); }
    public RequestError error() { return reply.error(); }

    /**
     * A line's {@code usage}, each count null when not reported (a Batch API line may lack any of them).
     *
     * @param reasoning of the completion tokens, those spent on reasoning
     * @param cached    of the prompt tokens, those read from the prompt cache
     */
    public record Tokens(Integer prompt, Integer completion, Integer reasoning, Integer cached) {
        public static final Tokens NONE = new Tokens(null, null, null, null);

        /** True when neither the prompt nor the completion tokens were reported. */
        public boolean unknown() { return prompt == null && completion == null; }

        /** The counts as a priced answer's usage, or null when prompt or completion tokens are unknown. */
        public Usage usage() {
            return prompt == null || completion == null ? null : new Usage(prompt, completion, reasoning, cached);
        }
    }

    /**
     * Where a result came from.
     *
     * @param batchRequestId the output line's {@code id} ({@code batch_req_...}), or null
     * @param batchId        the batch the prompt's last line belonged to, or null when it never got one
     * @param part           the part number of that batch
     */
    public record Line(String batchRequestId, String batchId, int part) {}
}
