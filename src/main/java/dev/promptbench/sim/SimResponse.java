package dev.promptbench.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One response the simulator will send: status, headers, a body of known length, how long after the
 * request's arrival to send it, and whether to send it whole. The single place where what is sent is
 * decided: answers, errors, rate limits and faults are all values of this type.
 *
 * @param status   HTTP status code
 * @param headers  response headers (Content-Length is added from the body)
 * @param body     the complete body (the announced length, even when cut)
 * @param delay    time from the request's arrival until the headers are sent; zero sends at once
 * @param delivery whether the body goes out whole or the connection drops halfway through it
 */
record SimResponse(int status, Map<String, String> headers, byte[] body, Duration delay, Delivery delivery) {

    /** How the body reaches the client. */
    enum Delivery {
        /** The whole body, then the exchange ends normally. */
        WHOLE,
        /** Headers announcing the whole body, half of it, then the connection closes: a reset mid-body. */
        CUT_MID_BODY
    }

    SimResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON response sent at once. */
    static SimResponse json(int status, String json) {
        return new SimResponse(status, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), Duration.ZERO, Delivery.WHOLE);
    }

    /** This response with one more header. */
    SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, more, body, delay, delivery);
    }

    /** This response with more headers (replacing any of the same name). */
    SimResponse withHeaders(Map<String, String> extra) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.putAll(extra);
        return new SimResponse(status, more, body, delay, delivery);
    }

    /** This response, sent {@code later} after the request arrived. */
    SimResponse withDelay(Duration later) {
        return new SimResponse(status, headers, body, later, delivery);
    }

    /** This response with only the first half of its body, sent as if it were whole: invalid JSON. */
    SimResponse truncated() {
        return new SimResponse(status, headers, Arrays.copyOf(body, body.length / 2), delay, delivery);
    }

    /** This response with its connection dropped halfway through the body. */
    SimResponse cutMidBody() {
        return new SimResponse(status, headers, body, delay, Delivery.CUT_MID_BODY);
    }
}
