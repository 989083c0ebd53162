package dev.promptbench.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.client.ApiCallException;
import dev.promptbench.client.ApiCalls;
import dev.promptbench.client.ApiReply;
import dev.promptbench.clock.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The files and batches calls of one endpoint, as typed values. A 429 (other than a full enqueued-token
 * quota), a 5xx or a broken connection is tried again a few times, after the service's Retry-After
 * when it gives one; anything else becomes a {@link BatchApiException}.
 */
public final class BatchApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

    private final ApiCalls calls;
    private final BatchTarget target;
    private final Sleeper sleeper;

    public BatchApi(ApiCalls calls, BatchTarget target, Sleeper sleeper) {
        this.calls = calls;
        this.target = target;
        this.sleeper = sleeper;
    }

    public BatchTarget target() { return target; }

    /** Uploads one input file (purpose "batch"). */
    public UploadedFile upload(Path file) throws InterruptedException {
        return UploadedFile.from(json("upload " + file.getFileName(),
                () -> calls.upload(target.files(), target.body(), "batch", file)));
    }

    /** The file object as it is now. */
    public UploadedFile file(String id) throws InterruptedException {
        return UploadedFile.from(json("file " + id, () -> calls.get(target.file(id), target.body())));
    }

    /** Creates a batch over an uploaded file, window 24h; a full token quota is a {@link BatchApiException}. */
    public BatchJob create(String inputFileId, Map<String, String> metadata) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("input_file_id", inputFileId);
        body.put("endpoint", target.lineUrl());
        body.put("completion_window", "24h");
        if (!metadata.isEmpty()) {
            ObjectNode meta = body.putObject("metadata");
            metadata.forEach(meta::put);
        }
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return BatchJob.from(json("create batch", () -> calls.postJson(target.batches(), target.body(), bytes)));
    }

    /** The batch as it is now. */
    public BatchJob retrieve(String id) throws InterruptedException {
        return BatchJob.from(json("batch " + id, () -> calls.get(target.batch(id), target.body())));
    }

    /** Asks the service to cancel; finished lines stay in the output. */
    public BatchJob cancel(String id) throws InterruptedException {
        return BatchJob.from(json("cancel " + id, () -> calls.post(target.cancel(id), target.body())));
    }

    /** A file's content as a stream; the caller closes it. */
    public InputStream content(String fileId) throws InterruptedException {
        Duration wait = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return calls.download(target.content(fileId), target.body());
            } catch (ApiCallException e) {
                ApiReply reply = e.reply();
                if (!transientStatus(reply.status()) || attempt == ATTEMPTS) throw refused("download " + fileId, reply);
                wait = pause(reply.retryAfter(), wait);
            } catch (IOException e) {
                if (attempt == ATTEMPTS) throw unreachable("download " + fileId, e);
                wait = pause(null, wait);
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        ApiReply send() throws IOException;
    }

    private JsonNode json(String what, Call call) throws InterruptedException {
        Duration wait = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            ApiReply reply;
            try {
                reply = call.send();
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
                if (attempt == ATTEMPTS) throw unreachable(what, e);
                wait = pause(null, wait);
                continue;
            }
            if (reply.ok()) {
                try {
                    JsonNode node = JSON.readTree(reply.body());
                    if (node != null && node.isObject()) return node;
                } catch (IOException notJson) {
                    // Reported below.
                }
                throw new BatchApiException(what + ": the answer (HTTP " + reply.status() + ") is not a JSON object",
                        reply.status(), null);
            }
            boolean quota = "token_limit_exceeded".equalsIgnoreCase(reply.code());
            if (quota || !transientStatus(reply.status()) || attempt == ATTEMPTS) throw refused(what, reply);
            wait = pause(reply.retryAfter(), wait);
        }
    }

    private Duration pause(Duration asked, Duration backoff) throws InterruptedException {
        sleeper.sleep(asked != null ? asked : backoff);
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : next;
    }

    private static boolean transientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static BatchApiException refused(String what, ApiReply reply) {
        return new BatchApiException(what + ": HTTP " + reply.status()
                + (reply.code() == null ? "" : " " + reply.code()) + ": " + reply.message(), reply.status(),
                reply.code());
    }

    private static BatchApiException unreachable(String what, IOException e) {
        return new BatchApiException(what + ": no answer (" + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()) + ")", 0, null);
    }
}
