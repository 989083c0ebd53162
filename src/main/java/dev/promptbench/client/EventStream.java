package dev.promptbench.client;

import java.io.IOException;
import okio.BufferedSource;

/**
 * One API's event grammar for a streamed answer: what each Server-Sent Event's data adds, and how a
 * stream that closes ends. The reading loop is shared ({@link #read}): {@link SseReader} splits the bytes
 * into events, the grammar takes them one at a time.
 */
interface EventStream {

    /** Takes one event's data; returns how the stream ended, or null to read on. */
    StreamResult accept(String data);

    /**
     * How the stream ends when it closes without an event that ended it: {@code unterminated} is the data of
     * a last event cut off without its blank line, or null.
     */
    StreamResult closed(String unterminated);

    /** Content-bearing events so far (for the message of a stream that broke off). */
    int contentEvents();

    /** Reads events until the answer ends; I/O errors (the idle timeout among them) are thrown. */
    default StreamResult read(BufferedSource source) throws IOException {
        SseReader reader = new SseReader(source);
        String data;
        while ((data = reader.next()) != null) {
            StreamResult end = accept(data);
            if (end != null) {
                return end;
            }
        }
        return closed(reader.unterminated());
    }
}
