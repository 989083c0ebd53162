package dev.promptbench.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import okio.BufferedSource;

/**
 * One API's event grammar for a streamed answer: what each Server-Sent Event's data adds, and how a
 * stream that closes ends. What every grammar keeps is kept here: the answer's text, a refusal's apart,
 * when each visible event came, and how many events there were. The reading loop is shared ({@link #read}):
 * {@link SseReader} splits the bytes into events, the grammar takes them one at a time. One instance reads
 * one stream; it knows nothing of HTTP, so recorded streams test it.
 */
abstract class EventStream {
    private final ObjectReader treeReader;
    private final LongSupplier nanoTime;
    private final String eventName;

    final StringBuilder answer = new StringBuilder();
    /** The refusal's text: shown in place of an answer, so visible output, but not the answer. */
    private StringBuilder refusal;
    final ChunkTimes times = new ChunkTimes();
    /** Events taken so far, for the message of a malformed one. */
    int events;

    /**
     * @param treeReader reads error events
     * @param nanoTime   the clock visible events are timed with (the call's ticker; tests pin it)
     * @param eventName  what an event of this API is, for the message of a malformed one
     */
    EventStream(ObjectReader treeReader, LongSupplier nanoTime, String eventName) {
        this.treeReader = treeReader;
        this.nanoTime = nanoTime;
        this.eventName = eventName;
    }

    /** Takes one event's data; returns how the stream ended, or null to read on. */
    abstract StreamResult accept(String data);

    /**
     * How the stream ends when it closes without an event that ended it: {@code unterminated} is the data of
     * a last event cut off without its blank line, or null.
     */
    abstract StreamResult closed(String unterminated);

    /** Content-bearing events so far (for the message of a stream that broke off). */
    final int contentEvents() {
        return times.count();
    }

    /** Reads events until the answer ends; I/O errors (the idle timeout among them) are thrown. */
    final StreamResult read(BufferedSource source) throws IOException {
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

    /** Marks a visible event as come now: time to first token is the first of these. */
    final void markVisible() {
        times.mark(nanoTime.getAsLong());
    }

    /** Now, on the stream's clock. */
    final long now() {
        return nanoTime.getAsLong();
    }

    final void appendRefusal(String text) {
        if (refusal == null) refusal = new StringBuilder();
        refusal.append(text);
    }

    /** The refusal's text so far, or null when there was none. */
    final String refusal() {
        return refusal == null ? null : refusal.toString();
    }

    /** The error an error event carries, or null when its data is not an error body. */
    final ErrorBody error(String data) {
        return ErrorBody.parse(treeReader, data.getBytes(StandardCharsets.UTF_8));
    }

    final String describeProgress() {
        return times.count() + " content events";
    }

    /** Why {@code e} kept an event from being read, in one line. */
    static String whyUnreadable(IOException e) {
        return e instanceof JacksonException json ? WireCodec.describe(json) : e.getMessage();
    }

    final StreamResult malformed(String why) {
        return new StreamResult.Failed(ErrorKind.MALFORMED, null,
                "stream event " + events + " is not " + eventName + ": " + why);
    }
}
