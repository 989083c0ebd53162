package dev.promptbench.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import okhttp3.Response;
import okio.BufferedSource;
import okio.Okio;

/**
 * Reads a 2xx answer that is one JSON body (not streamed), a chat completion or a Responses API
 * response, into an {@link Outcome}.
 */
final class BlockingAnswer {
    private final ObjectReader completionReader;
    private final ObjectReader responseReader;
    private final FailureClassifier failures;

    BlockingAnswer(ObjectReader completionReader, ObjectReader responseReader, FailureClassifier failures) {
        this.completionReader = completionReader;
        this.responseReader = responseReader;
        this.failures = failures;
    }

    /** The answer in {@code api}'s shape; transport errors are thrown. */
    Outcome read(Response response, CallTrace trace, String headerValue, Api api) throws IOException {
        return api == Api.RESPONSES ? readResponse(response, trace, headerValue) : read(response, trace, headerValue);
    }

    /**
     * A Responses API answer: an answer when completed (or incomplete for its token limit or the content
     * filter), the failure it reports when failed, else MALFORMED.
     */
    private Outcome readResponse(Response response, CallTrace trace, String headerValue) throws IOException {
        ResponseBody parsed;
        try {
            parsed = parse(response, trace, responseReader);
        } catch (JacksonException e) {
            return malformed(response, trace, trace.now(), "response", WireCodec.describe(e), headerValue);
        }
        long end = trace.now();
        StreamResult result = parsed == null
                ? new StreamResult.Failed(ErrorKind.MALFORMED, null, "empty body")
                : parsed.result(null, false, null, null);
        if (result instanceof Answer answer) {
            return new Outcome.Success(new Outcome.Exchange(trace.timing(end), response.code(), trace.requestId()),
                    answer);
        }
        StreamResult.Failed failed = (StreamResult.Failed) result;
        String detail = failed.kind() == ErrorKind.MALFORMED
                ? notA("response", response) + ": " + failed.detail() : failed.detail();
        return failures.streamFailure(response.code(), trace.requestId(), trace.timing(end), failed.kind(),
                failed.code(), detail, headerValue);
    }

    /** The completion, or MALFORMED when the body does not have its shape; transport errors are thrown. */
    Outcome read(Response response, CallTrace trace, String headerValue) throws IOException {
        CompletionBody parsed;
        try {
            parsed = parse(response, trace, completionReader);
        } catch (JacksonException e) {
            return malformed(response, trace, trace.now(), "chat completion", WireCodec.describe(e), headerValue);
        }
        long end = trace.now();
        String problem = parsed == null ? "empty body" : parsed.problem();
        if (problem != null) {
            return malformed(response, trace, end, "chat completion", problem, headerValue);
        }
        CompletionBody.Choice choice = parsed.firstChoice();
        String content = choice.message().content();
        return new Outcome.Success(new Outcome.Exchange(trace.timing(end), response.code(), trace.requestId()),
                new Answer(content == null ? "" : content, choice.finishReason(), parsed.toUsage(), parsed.model(),
                        null, parsed.servedTier(), choice.message().refusal()));
    }

    /**
     * The whole body read as {@code reader}'s type (null for an empty one), its first byte marked on the trace.
     *
     * @throws JacksonException when the body is not JSON of that type
     * @throws IOException      when the transport fails while reading it
     */
    private static <T> T parse(Response response, CallTrace trace, ObjectReader reader) throws IOException {
        BufferedSource source = response.body().source();
        if (source.request(1)) {
            trace.markFirstByte();
        }
        try {
            T parsed = reader.readValue(source.inputStream());
            source.readAll(Okio.blackhole());
            return parsed;
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io && !(io instanceof JacksonException)) {
                throw io;
            }
            throw e;
        }
    }

    /** A MALFORMED failure ending at {@code end}: the body is not a {@code what}, for {@code why}. */
    private Outcome malformed(Response response, CallTrace trace, long end, String what, String why,
                              String headerValue) {
        return failures.malformed(response.code(), trace.requestId(), trace.timing(end),
                notA(what, response) + ": " + why, headerValue);
    }

    private static String notA(String what, Response response) {
        String type = response.header("Content-Type");
        return "HTTP " + response.code() + " body is not a " + what
                + (type == null || type.contains("json") ? "" : " (" + type + ")");
    }
}
