package dev.promptbench.client;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.promptbench.results.request.Usage;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Assembles one streamed Responses API answer from its typed events: concatenates the
 * {@code response.output_text.delta}s, times every visible delta (output text, refusal text
 * ({@code response.refusal.delta}, kept apart from the answer) or function-call arguments: time to first
 * token is the first of these) and, apart, the first reasoning event, and ends
 * at {@code response.completed}, {@code response.incomplete} or {@code response.failed}, whose response
 * alone gives the usage. An {@code error} event fails the answer; a stream that ends without a terminal
 * event is incomplete, however much text came.
 */
final class ResponseStream extends EventStream {
    private final ObjectReader eventReader;
    private long firstReasoning = Timing.UNSET;

    /**
     * @param eventReader reads {@link ResponseEvent}
     * @param treeReader  reads error events
     * @param nanoTime    the clock events are timed with (the call's ticker; tests pin it)
     */
    ResponseStream(ObjectReader eventReader, ObjectReader treeReader, LongSupplier nanoTime) {
        super(treeReader, nanoTime, "a Responses API event");
        this.eventReader = eventReader;
    }

    /** Without a terminal event the answer is broken; a final one cut off without its blank line still counts. */
    @Override
    StreamResult closed(String unterminated) {
        if (unterminated != null) {
            StreamResult end = accept(unterminated);
            if (end != null) {
                return end;
            }
        }
        return new StreamResult.Failed(ErrorKind.STREAM_INCOMPLETE, null,
                "stream ended without response.completed, response.incomplete or response.failed after "
                        + describeProgress());
    }

    /** Ends at a terminal event, an error event or a malformed event; any other event adds to the answer. */
    @Override
    StreamResult accept(String data) {
        if (data.isBlank() || "[DONE]".equals(data.strip())) {
            // Not an event of this API; a compatible server's chat-style end marker ends nothing here.
            return null;
        }
        events++;
        ResponseEvent event;
        try {
            event = eventReader.readValue(data);
        } catch (IOException e) {
            return malformed(whyUnreadable(e));
        }
        if (event == null || event.type() == null) {
            return malformed(event == null ? "null" : "no \"type\"");
        }
        // The clock is read only for the events timed: the first reasoning event and every visible delta.
        if (firstReasoning == Timing.UNSET && event.reasoning()) {
            firstReasoning = now();
        }
        switch (event.type()) {
            case ResponseEvent.TEXT_DELTA -> {
                String text = event.deltaText();
                if (!text.isEmpty()) {
                    answer.append(text);
                    markVisible();
                }
            }
            case ResponseEvent.REFUSAL_DELTA -> {
                String text = event.deltaText();
                if (!text.isEmpty()) {
                    appendRefusal(text);
                    markVisible();
                }
            }
            case ResponseEvent.ARGUMENTS_DELTA -> {
                if (!event.deltaText().isEmpty()) {
                    markVisible();
                }
            }
            case ResponseEvent.ERROR -> {
                ErrorBody error = error(data);
                return new StreamResult.Failed(ResponseBody.kindOfFailure(error), error == null ? null : error.code(),
                        "error event after " + describeProgress() + ": " + describe(error));
            }
            default -> {
                if (event.terminal()) {
                    return end(event);
                }
            }
        }
        return null;
    }

    private StreamResult end(ResponseEvent event) {
        ResponseBody response = event.response();
        if (response == null) {
            return malformed(event.type() + " carries no response");
        }
        boolean visible = times.count() > 0;
        // The event names the outcome; a response inside that says otherwise is taken at the event's word.
        String status = switch (event.type()) {
            case ResponseEvent.COMPLETED -> "completed";
            case ResponseEvent.INCOMPLETE -> "incomplete";
            default -> "failed";
        };
        ResponseBody named = new ResponseBody(response.object(), status, response.output(), response.usage(),
                response.model(), response.error(), response.incompleteDetails(), response.serviceTier());
        StreamResult result = named.result(answer.toString(), visible, null, refusal());
        if (!(result instanceof Answer complete)) {
            return result instanceof StreamResult.Failed failed && failed.kind() == ErrorKind.MALFORMED
                    ? new StreamResult.Failed(ErrorKind.MALFORMED, null, event.type() + " event is " + failed.detail())
                    : result;
        }
        Usage usage = complete.usage();
        // The pace of the stream is the pace of the tokens it shows (reasoning came before the first of
        // them); a visible count of 0 contradicted by the text received is no count at all, as in chat streams.
        boolean estimated = usage.visibleTokens() == 0 && visible;
        String shown = complete.refusal() == null ? answer.toString() : answer + complete.refusal();
        int tokens = estimated ? TokenEstimate.of(shown, times.count()) : usage.visibleTokens();
        return new Answer(complete.text(), complete.finishReason(), usage, complete.model(),
                times.metrics(tokens, estimated, firstReasoning), complete.servedTier(), complete.refusal());
    }

    /** {@code code: message} of an error, or a placeholder when it says neither. */
    static String describe(ErrorBody error) {
        if (error == null || (error.code() == null && error.message() == null)) {
            return "(no code or message)";
        }
        if (error.code() == null) return error.message();
        return error.message() == null ? error.code() : error.code() + ": " + error.message();
    }
}
