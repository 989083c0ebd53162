package dev.promptbench.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-sent events that go out together, in one flush, at one moment of a streamed answer.
 *
 * @param at     time from the response's headers to this write
 * @param events the events' {@code data} payloads in order: JSON text, or {@code [DONE]}
 */
record SseWrite(Duration at, List<String> events) {

    SseWrite {
        events = List.copyOf(events);
    }

    /** The bytes on the wire: each event as one {@code data:} line and a blank line. */
    byte[] bytes() {
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            text.append("data: ").append(event).append("\n\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** This write with its first event cut to half its length, so that event is not valid JSON. */
    SseWrite withFirstEventBroken() {
        List<String> broken = new ArrayList<>(events);
        String first = broken.get(0);
        broken.set(0, first.substring(0, first.length() / 2));
        return new SseWrite(at, broken);
    }
}
