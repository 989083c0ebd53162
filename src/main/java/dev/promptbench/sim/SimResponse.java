package dev.promptbench.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One response the simulator will send: status, headers, a body of known length, and how long after
 * the request's arrival to send it. The single place where what is sent is decided, so that faults,
 * rate limits and streaming can be added as new kinds of response later.
 *
 * @param status  HTTP status code
 * @param headers response headers (Content-Length is added from the body)
 * @param body    the complete body
 * @param delay   time from the request's arrival until the response is sent; zero sends at once
 */
record SimResponse(int status, Map<String, String> headers, byte[] body, Duration delay) {

    SimResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON response sent at once. */
    static SimResponse json(int status, String json) {
        return new SimResponse(status, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    /** This response with one more header. */
    SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, more, body, delay);
    }

    /** This response, sent {@code later} after the request arrived. */
    SimResponse withDelay(Duration later) {
        return new SimResponse(status, headers, body, later);
    }
}
