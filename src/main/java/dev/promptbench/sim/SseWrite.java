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
 * @param names  each event's {@code event:} name (the Responses API's typed events), or null for none
 *               (chat completions send data only)
 */
record SseWrite(Duration at, List<String> events, List<String> names) {

    SseWrite {
        events = List.copyOf(events);
        names = names == null ? null : List.copyOf(names);
    }

    /** Events without names. */
    SseWrite(Duration at, List<String> events) {
        this(at, events, null);
    }

    /** The bytes on the wire: each event as one {@code data:} line and a blank line. */
    byte[] bytes() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            if (names != null) {
                text.append("event: ").append(names.get(i)).append('\n');
            }
            text.append("data: ").append(events.get(i)).append("\n\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** This write with its first event cut to half its length, so that event is not valid JSON. */
    SseWrite withFirstEventBroken() {
        List<String> broken = new ArrayList<>(events);
        String first = broken.get(0);
        broken.set(0, first.substring(0, first.length() / 2));
        return new SseWrite(at, broken, names);
    }
}
