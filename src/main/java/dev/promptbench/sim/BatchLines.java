package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Answers the lines of a batch through the same simulated model as online requests, so its latency
 * draws, faults and rate limits apply: an answer becomes an output line, anything else an error line
 * in the services' batch output shape.
 */
final class BatchLines {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ChatCompletions completions;
    private final LongSupplier arrivals;
    private final ObjectMapper mapper = new ObjectMapper();
    private final long seed;

    /**
     * @param arrivals hands out the simulator's arrival numbers, shared with online requests
     * @param seed     the simulator's seed, for the lines' ids
     */
    BatchLines(ChatCompletions completions, LongSupplier arrivals, long seed) {
        this.completions = completions;
        this.arrivals = arrivals;
        this.seed = seed;
    }

    /**
     * One line's fate: a line of the output file or of the error file, and the answer's tokens and model
     * (0 and null for an error line), which the batch adds up into its {@code usage}.
     */
    record Answer(boolean ok, String json, long promptTokens, long completionTokens, String model) {
        Answer(boolean ok, String json) {
            this(ok, json, 0, 0, null);
        }
    }

    /**
     * The answer to one line's request.
     *
     * @param body  the line's {@code body}
     * @param azure true for a batch made on an Azure route (the body's model names the deployment)
     * @param auth  the credentials the batch was created with
     */
    Answer answer(String customId, JsonNode body, boolean azure, Headers auth) {
        long number = arrivals.getAsLong();
        SimResponse response = completions.answer(new SimRequest("POST",
                azure ? "/openai/v1/chat/completions" : "/v1/chat/completions", null, auth,
                body.toString().getBytes(StandardCharsets.UTF_8), number));
        String requestId = response.headers().get("x-request-id");
        if (response.streaming()) {
            return failed(customId, number, requestId, 400, ApiErrors.invalidRequest(new RequestRejection(
                    "Streaming is not supported in a batch; remove 'stream' from the line's body.", "stream",
                    "invalid_value")));
        }
        JsonNode parsed = parse(response);
        if (response.status() == 200 && parsed != null) {
            JsonNode usage = parsed.path("usage");
            return new Answer(true, line(customId, number, requestId, 200, parsed, null),
                    usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                    parsed.path("model").isTextual() ? parsed.get("model").asText() : null);
        }
        if (parsed == null) {
            // A cut or broken answer is the service failing mid-line: the batch reports a server error.
            return failed(customId, number, requestId, 500, ApiErrors.serverError(azure));
        }
        return new Answer(false, line(customId, number, requestId, response.status(), parsed, null));
    }

    /** The error line of a request that was never run, e.g. {@code batch_expired} or {@code batch_cancelled}. */
    String notRun(String customId, String code, String message) {
        ObjectNode error = JSON.objectNode().put("code", code).put("message", message);
        return line(customId, arrivals.getAsLong(), null, 0, null, error);
    }

    private Answer failed(String customId, long number, String requestId, int status, SimResponse error) {
        return new Answer(false, line(customId, number, requestId, status, parse(error), null));
    }

    private JsonNode parse(SimResponse response) {
        if (response.delivery() != SimResponse.Delivery.WHOLE) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(response.body());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String line(String customId, long number, String requestId, int status, JsonNode body,
                        ObjectNode error) {
        ObjectNode line = JSON.objectNode()
                .put("id", "batch_req_" + Ids.hex(seed, number, 32))
                .put("custom_id", customId);
        if (body != null) {
            ObjectNode response = line.putObject("response")
                    .put("status_code", status)
                    .put("request_id", requestId);
            response.set("body", body);
        } else {
            line.putNull("response");
        }
        if (error != null) {
            line.set("error", error);
        } else {
            line.putNull("error");
        }
        return line.toString();
    }
}
