package dev.promptbench.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import okhttp3.Response;
import okio.BufferedSource;
import okio.Okio;

/** Reads a 2xx answer that is one JSON chat completion (not streamed) into an {@link Outcome}. */
final class BlockingAnswer {
    private final ObjectReader completionReader;
    private final FailureClassifier failures;

    BlockingAnswer(ObjectReader completionReader, FailureClassifier failures) {
        this.completionReader = completionReader;
        this.failures = failures;
    }

    /** The completion, or MALFORMED when the body does not have its shape; transport errors are thrown. */
    Outcome read(Response response, CallTrace trace, String headerValue) throws IOException {
        BufferedSource source = response.body().source();
        if (source.request(1)) {
            trace.markFirstByte();
        }
        CompletionBody parsed;
        try {
            parsed = completionReader.readValue(source.inputStream());
            source.readAll(Okio.blackhole());
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io && !(io instanceof JacksonException)) {
                throw io;
            }
            return failures.malformed(response.code(), trace.requestId(), trace.timing(System.nanoTime()),
                    notCompletion(response) + ": " + WireCodec.describe(e), headerValue);
        }
        long end = System.nanoTime();
        String problem = parsed == null ? "empty body" : parsed.problem();
        if (problem != null) {
            return failures.malformed(response.code(), trace.requestId(), trace.timing(end),
                    notCompletion(response) + ": " + problem, headerValue);
        }
        CompletionBody.Choice choice = parsed.firstChoice();
        String content = choice.message().content();
        return new Outcome.Success(trace.timing(end), response.code(), trace.requestId(),
                content == null ? "" : content, choice.finishReason(), parsed.toUsage(), parsed.model());
    }

    private static String notCompletion(Response response) {
        String type = response.header("Content-Type");
        return "HTTP " + response.code() + " body is not a chat completion"
                + (type == null || type.contains("json") ? "" : " (" + type + ")");
    }
}
