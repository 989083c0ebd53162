package dev.promptbench.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.results.BatchRequest;
import dev.promptbench.results.request.Reply;
import dev.promptbench.results.request.RequestError;
import dev.promptbench.results.request.RequestStatus;

/**
 * Reads one line of a batch's output or error file into a prompt's result: a 2xx response with a chat
 * completion is an answer (a {@code content_filter} finish is "filtered", as in {@code run}); a non-2xx
 * status or an {@code error} object is an error with the service's code and message.
 */
final class OutputLine {
    private OutputLine() {}

    static BatchRequest read(JsonNode line, int index, String id, String batchId, int part) {
        BatchRequest.Line from = new BatchRequest.Line(BatchJob.text(line.get("id")), batchId, part);
        JsonNode response = line.get("response");
        JsonNode error = line.get("error");
        Integer status = response == null ? null : BatchJob.integer(response.get("status_code"));
        String requestId = response == null ? null : BatchJob.text(response.get("request_id"));
        JsonNode body = response == null ? null : response.get("body");
        boolean success = status != null && status >= 200 && status < 300 && (error == null || error.isNull())
                && body != null && body.isObject();
        if (!success) {
            RequestError failure = failure(status, error, body);
            // A line the batch never ran (batch_expired, batch_cancelled) did not fail: it is not_run, as the
            // lines an expired or cancelled batch leaves out of its files.
            RequestStatus outcome = failure.kind().equals("batch_expired") || failure.kind().equals("batch_cancelled")
                    ? RequestStatus.NOT_RUN : RequestStatus.ERROR;
            return new BatchRequest(index, id, new Reply(outcome, null, status, failure, requestId,
                    body == null ? null : BatchJob.text(body.get("model")), null), BatchRequest.Tokens.NONE, from);
        }
        JsonNode choice = body.path("choices").path(0);
        String finish = BatchJob.text(choice.get("finish_reason"));
        JsonNode content = choice.path("message").get("content");
        String answer = content == null || content.isNull() ? null : content.isTextual() ? content.asText()
                : content.toString();
        String model = BatchJob.text(body.get("model"));
        BatchRequest.Tokens tokens = tokens(body.get("usage"));
        if (choice.isMissingNode()) {
            return new BatchRequest(index, id, new Reply(RequestStatus.ERROR, null, status,
                    new RequestError("bad_response", null, "the answer has no choices"), requestId, model, null),
                    tokens, from);
        }
        RequestStatus outcome = "content_filter".equals(finish) ? RequestStatus.FILTERED : RequestStatus.OK;
        return new BatchRequest(index, id, new Reply(outcome, finish, status, null, requestId, model, answer), tokens,
                from);
    }

    private static BatchRequest.Tokens tokens(JsonNode usage) {
        if (usage == null) return BatchRequest.Tokens.NONE;
        return new BatchRequest.Tokens(BatchJob.integer(usage.get("prompt_tokens")),
                BatchJob.integer(usage.get("completion_tokens")),
                BatchJob.integer(usage.path("completion_tokens_details").get("reasoning_tokens")),
                BatchJob.integer(usage.path("prompt_tokens_details").get("cached_tokens")));
    }

    private static RequestError failure(Integer status, JsonNode error, JsonNode body) {
        JsonNode detail = error != null && error.isObject() ? error
                : body != null && body.get("error") != null ? body.get("error") : null;
        String code = detail == null ? null : BatchJob.text(detail.get("code"));
        String message = detail == null ? null : BatchJob.text(detail.get("message"));
        if (message == null) message = status == null ? "the line has neither a response nor an error"
                : "HTTP " + status + " without an error message";
        return new RequestError(kind(status, code), code, message);
    }

    /**
     * The same kinds as {@code run} records, from the line's status and code. The codes of a line with no
     * response are the OpenAPI spec's {@code BatchRequestOutput.error.code}: batch_expired, batch_cancelled,
     * request_timeout.
     */
    private static String kind(Integer status, String code) {
        if ("content_filter".equals(code)) return "content_filter";
        if (status == null && ("batch_expired".equals(code) || "batch_cancelled".equals(code))) return code;
        if (status == null && "request_timeout".equals(code)) return "timeout";
        if (status == null) return "batch_error";
        if (status == 429) return "rate_limited";
        if (status == 401 || status == 403) return "unauthorized";
        if (status == 404) return "not_found";
        if (status >= 500) return "server_error";
        if (status >= 400) return "bad_request";
        return "bad_response";
    }
}
