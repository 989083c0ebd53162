package dev.promptbench.client;

/** Responses API bodies and streams shaped like the service's (values invented). */
final class ResponseFixtures {

    static final String USAGE = "{\"input_tokens\":21,\"input_tokens_details\":{\"cached_tokens\":0},"
            + "\"output_tokens\":68,\"output_tokens_details\":{\"reasoning_tokens\":64},\"total_tokens\":89}";

    /** A completed answer of a reasoning model: a reasoning item, then the message. */
    static final String COMPLETED = response("completed", null,
            "[{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]},"
            + "{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"output_text\",\"text\":\"2 and 3.\",\"annotations\":[]}]}]", USAGE);

    /** A reasoning model's stream: reasoning first, then two text deltas, then response.completed. */
    static final String STREAM = event("response.created", "\"response\":" + response("in_progress", null, "[]", "null"))
            + event("response.in_progress", "\"response\":" + response("in_progress", null, "[]", "null"))
            + event("response.output_item.added", "\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}")
            + event("response.reasoning_summary_text.delta", "\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Small primes.\"")
            + event("response.output_item.done", "\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}")
            + event("response.output_item.added", "\"output_index\":1,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}")
            + event("response.content_part.added", "\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}")
            + textDelta("2 and")
            + textDelta(" 3.")
            + event("response.output_text.done", "\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"text\":\"2 and 3.\"")
            + event("response.completed", "\"response\":" + COMPLETED);

    private ResponseFixtures() {}

    /** A response object with {@code status}, {@code extra} fields (or null), output and usage. */
    static String response(String status, String extra, String output, String usage) {
        return "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1764060000,\"status\":\"" + status + "\","
                + (extra == null ? "" : extra + ",")
                + "\"model\":\"o4-mini-2025-04-16\",\"output\":" + output + ",\"usage\":" + usage + "}";
    }

    /** One typed event: the {@code event:} line the service sends, and the data with its type. */
    static String event(String type, String fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":0"
                + (fields.isEmpty() ? "" : "," + fields) + "}\n\n";
    }

    static String textDelta(String text) {
        return event("response.output_text.delta",
                "\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"" + text + "\"");
    }
}
