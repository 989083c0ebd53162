package dev.promptbench.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Collection;
import java.util.List;

/**
 * The client's JSON wire codec: one configured mapper, the readers of answers and the writer of request
 * bodies. Strict where a lenient reading would make numbers up: a token count of {@code 3.5} or
 * {@code "12"} is an error here, not 3 or 12.
 */
final class WireCodec {
    /** A bad value is quoted in a message up to this length. */
    private static final int MAX_VALUE = 40;

    private final ObjectReader completions;
    private final ObjectReader chunks;
    private final ObjectReader responses;
    private final ObjectReader responseEvents;
    private final ObjectReader trees;
    private final ObjectWriter writer;

    WireCodec() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // The body stream is drained after parsing, so the connection goes back to the pool clean.
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        this.completions = mapper.readerFor(CompletionBody.class);
        this.chunks = mapper.readerFor(ChunkBody.class);
        this.responses = mapper.readerFor(ResponseBody.class);
        this.responseEvents = mapper.readerFor(ResponseEvent.class);
        this.trees = mapper.reader();
        this.writer = mapper.writer();
    }

    /** Reads a non-streamed answer ({@link CompletionBody}). */
    ObjectReader completions() { return completions; }

    /** Reads one streamed event ({@link ChunkBody}). */
    ObjectReader chunks() { return chunks; }

    /** Reads a non-streamed Responses API answer ({@link ResponseBody}). */
    ObjectReader responses() { return responses; }

    /** Reads one Responses API stream event ({@link ResponseEvent}). */
    ObjectReader responseEvents() { return responseEvents; }

    /** Reads error bodies as trees, whatever their shape. */
    ObjectReader trees() { return trees; }

    /** Writes request bodies. */
    ObjectWriter writer() { return writer; }

    /**
     * What a parse failure says, in the body's terms: {@code usage.completion_tokens is not an integer (3.5)}
     * rather than the Java type Jackson names.
     */
    static String describe(JacksonException e) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return path(mismatch.getPath()) + " is not " + expected(mismatch.getTargetType()) + value(mismatch);
        }
        if (e instanceof DatabindException databind && databind.getCause() instanceof JacksonException cause) {
            return describe(cause);
        }
        return e.getOriginalMessage();
    }

    /** The offending value when Jackson kept it ({@code  (3.5)}), else nothing. */
    private static String value(MismatchedInputException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            String text = String.valueOf(invalid.getValue());
            return " (" + (text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "..." : text) + ")";
        }
        return "";
    }

    /** {@code choices[0].message.content} */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return JsonNode.class.isAssignableFrom(type) ? "JSON" : "an object";
    }
}
