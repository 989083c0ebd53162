package dev.promptbench.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one streamed answer over time: the headers (chunked, no Content-Length), then each write of
 * server-sent events when it falls due, flushed at once, then the end of the body.
 *
 * <p>Why a step function and not a loop with sleeps: no thread is held while a stream waits for its
 * next event. Each step writes whatever is due and hands itself to the timetable for the next write,
 * so a few workers serve hundreds of concurrent streams. Only one step of a stream is pending at a
 * time, so its writes cannot overtake each other.
 */
final class StreamSender implements Runnable {

    private final HttpExchange exchange;
    private final SimResponse response;
    private final List<SseWrite> writes;
    private final long headersDue;
    private final Timetable timetable;
    private final AtomicLong answered;
    private final Runnable finish;
    /** The next write to send; -1 until the headers are sent. */
    private int next = -1;
    private OutputStream body;

    /**
     * @param headersDue when the headers are due, on the timetable's clock; writes are timed from it
     * @param answered   the simulator's count of responses given, raised when the headers go
     * @param finish     closes the exchange and marks the request done, once
     */
    StreamSender(HttpExchange exchange, SimResponse response, long headersDue, Timetable timetable,
                 AtomicLong answered, Runnable finish) {
        this.exchange = exchange;
        this.response = response;
        this.writes = response.stream();
        this.headersDue = headersDue;
        this.timetable = timetable;
        this.answered = answered;
        this.finish = finish;
    }

    /** Sends what is due now and arranges for the rest. */
    @Override
    public void run() {
        try {
            while (true) {
                long due = next < 0 ? headersDue : headersDue + writes.get(next).at().toNanos();
                long wait = timetable.waitFor(due);
                if (wait > 0) {
                    if (!timetable.later(wait, this, finish)) {
                        finish.run();
                    }
                    return;
                }
                if (next < 0) {
                    sendHeaders();
                } else {
                    body.write(writes.get(next).bytes());
                    body.flush(); // a flush is one chunk on the wire: the client sees the event now
                }
                next++;
                if (next == writes.size()) {
                    end();
                    return;
                }
            }
        } catch (IOException e) {
            finish.run(); // the client went away: nobody to stream to
        }
    }

    private void sendHeaders() throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        body = exchange.getResponseBody();
        answered.incrementAndGet(); // before the bytes go out, as for whole responses
        try {
            exchange.sendResponseHeaders(response.status(), 0); // 0: chunked, the length is unknown
        } catch (IOException e) {
            answered.decrementAndGet();
            throw e;
        }
    }

    private void end() {
        if (response.delivery() == SimResponse.Delivery.CUT_MID_BODY) {
            // Closing normally would send the last chunk and so end the body cleanly. An exchange whose
            // body stream fails to close drops its connection instead: the client sees a cut stream.
            exchange.setStreams(null, new Severed());
        }
        finish.run();
    }

    /** A body stream that refuses to close, so the server drops the connection. */
    private static final class Severed extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("stream cut on purpose");
        }

        @Override
        public void close() throws IOException {
            throw new IOException("stream cut on purpose");
        }
    }
}
