package dev.promptbench.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One response the simulator will send: status, headers, a body of known length or a stream of timed
 * events, how long after the request's arrival to send it, and whether to send it whole. The single
 * place where what is sent is decided: answers, errors, rate limits and faults are all values of this type.
 *
 * @param status   HTTP status code
 * @param headers  response headers (Content-Length is added from the body; a stream has none)
 * @param body     the complete body (the announced length, even when cut); empty for a stream
 * @param delay    time from the request's arrival until the headers are sent; zero sends at once
 * @param delivery whether the body goes out whole or the connection drops partway through it
 * @param stream   for a streamed answer, its server-sent events, timed from the headers; else empty
 */
record SimResponse(int status, Map<String, String> headers, byte[] body, Duration delay, Delivery delivery,
                   List<SseWrite> stream) {

    /** How the body reaches the client. */
    enum Delivery {
        /** The whole body (or every event of a stream), then the exchange ends normally. */
        WHOLE,
        /**
         * Headers announcing the whole body, half of it, then the connection closes: a reset mid-body.
         * A stream sends about half its events, then the connection closes without the final chunk.
         */
        CUT_MID_BODY
    }

    SimResponse {
        headers = Map.copyOf(headers);
        stream = List.copyOf(stream);
    }

    /** A JSON response sent at once. */
    static SimResponse json(int status, String json) {
        return new SimResponse(status, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), Duration.ZERO, Delivery.WHOLE, List.of());
    }

    /** A 200 that streams {@code writes} as server-sent events, its headers sent at once. */
    static SimResponse eventStream(List<SseWrite> writes) {
        if (writes.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one write");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/event-stream; charset=utf-8");
        headers.put("Cache-Control", "no-cache");
        return new SimResponse(200, headers, new byte[0], Duration.ZERO, Delivery.WHOLE, writes);
    }

    /** True for a streamed answer. */
    boolean streaming() {
        return !stream.isEmpty();
    }

    /** This response with one more header. */
    SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, more, body, delay, delivery, stream);
    }

    /** This response with more headers (replacing any of the same name). */
    SimResponse withHeaders(Map<String, String> extra) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.putAll(extra);
        return new SimResponse(status, more, body, delay, delivery, stream);
    }

    /** This response, sent {@code later} after the request arrived. */
    SimResponse withDelay(Duration later) {
        return new SimResponse(status, headers, body, later, delivery, stream);
    }

    /**
     * This response with only the first half of its body, sent as if it were whole: invalid JSON. In a
     * stream, one event halfway through is cut short instead, and the stream goes on.
     */
    SimResponse truncated() {
        if (streaming()) {
            List<SseWrite> writes = new ArrayList<>(stream);
            int middle = writes.size() / 2; // a content event: the first write is the preamble
            writes.set(middle, writes.get(middle).withFirstEventBroken());
            return new SimResponse(status, headers, body, delay, delivery, writes);
        }
        return new SimResponse(status, headers, Arrays.copyOf(body, body.length / 2), delay, delivery, stream);
    }

    /**
     * This response with its connection dropped halfway through the body; a stream is dropped after
     * about half its writes, never the last, so {@code [DONE]} is not sent.
     */
    SimResponse cutMidBody() {
        List<SseWrite> writes = streaming() && stream.size() > 1
                ? stream.subList(0, (stream.size() + 1) / 2) : stream;
        return new SimResponse(status, headers, body, delay, Delivery.CUT_MID_BODY, writes);
    }
}
