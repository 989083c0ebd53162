package dev.promptbench.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads a {@code request} record field by field without building a tree: the answer text, the
 * largest part of most lines, is skipped unread. Fields may come in any order.
 */
final class RequestParser {
    private final JsonFactory factory;

    RequestParser(JsonFactory factory) {
        this.factory = factory;
    }

    /** The record, or null when the line is valid JSON but not a request record. */
    RequestLine parse(String line) throws IOException {
        try (JsonParser p = factory.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            String type = null;
            String mode = "";
            String id = "";
            String status = "";
            String errorKind = null;
            boolean warmup = false;
            int repeat = 0;
            int index = 0;
            int attempts = 1;
            int rateLimited = 0;
            int lane = -1;
            int promptTokens = -1;
            int completionTokens = -1;
            double waitMs = 0;
            double startMs = 0;
            double endMs = 0;
            double latencyMs = 0;
            double ttftMs = Double.NaN;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = p.getValueAsString();
                    case "mode" -> mode = p.getValueAsString("");
                    case "repeat" -> repeat = p.getValueAsInt(0);
                    case "index" -> index = p.getValueAsInt(0);
                    case "id" -> id = p.getValueAsString("");
                    case "warmup" -> warmup = p.getValueAsBoolean(false);
                    case "status" -> status = p.getValueAsString("");
                    case "attempts" -> attempts = p.getValueAsInt(1);
                    case "rate_limited" -> rateLimited = p.getValueAsInt(0);
                    case "wait_ms" -> waitMs = p.getValueAsDouble(0);
                    case "start_offset_ms" -> startMs = p.getValueAsDouble(0);
                    case "end_offset_ms" -> endMs = p.getValueAsDouble(0);
                    case "latency_ms" -> latencyMs = p.getValueAsDouble(0);
                    case "ttft_ms" -> ttftMs = value.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "lane" -> lane = p.getValueAsInt(-1);
                    case "error" -> {
                        if (value == JsonToken.START_OBJECT) errorKind = objectField(p, "kind");
                    }
                    case "tokens" -> {
                        if (value == JsonToken.START_OBJECT) {
                            int[] tokens = tokens(p);
                            promptTokens = tokens[0];
                            completionTokens = tokens[1];
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!"request".equals(type)) return null;
            return new RequestLine(mode, repeat, warmup, index, id, status, errorKind, attempts, rateLimited, waitMs,
                    startMs, endMs, latencyMs, ttftMs, lane, promptTokens, completionTokens);
        }
    }

    /** A text field of the object the parser is at the start of; the parser ends at its end. */
    private static String objectField(JsonParser p, String name) throws IOException {
        String found = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals(name)) found = p.getValueAsString();
            else p.skipChildren();
        }
        return found;
    }

    private static int[] tokens(JsonParser p) throws IOException {
        int[] tokens = {-1, -1};
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("prompt")) tokens[0] = p.getValueAsInt(-1);
            else if (field.equals("completion")) tokens[1] = p.getValueAsInt(-1);
            else p.skipChildren();
        }
        return tokens;
    }
}
