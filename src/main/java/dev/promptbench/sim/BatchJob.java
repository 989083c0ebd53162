package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One simulated batch: validates its input file, answers its lines spread over the batch's duration,
 * writes the output and error files, and moves through the Batch API's statuses as it goes; it can be
 * cancelled, and it expires when its window runs out first.
 *
 * <p>The file is read twice as a stream (once to validate, once to answer) and the answers are
 * written to disk line by line, so a 100,000-line batch costs memory only for its custom ids.
 */
final class BatchJob implements Runnable {

    /** Azure's and OpenAI's most requests in one batch file. */
    static final int AZURE_MAX_LINES = 100_000;
    static final int OPENAI_MAX_LINES = 50_000;
    /** The most validation errors listed in a failed batch. */
    private static final int MAX_ERRORS = 100;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** What does not change after creation. */
    record Order(String id, long sequence, String endpoint, StoredFile input, String completionWindow,
                 JsonNode metadata, boolean azure, Headers auth) {}

    private final Order order;
    private final SimulatorSettings.Batches settings;
    private final FileStore store;
    private final BatchLines lines;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ObjectMapper mapper = new ObjectMapper();
    private final long createdAt;
    private final long startNanos;

    // Guarded by this.
    private BatchStatus status = BatchStatus.VALIDATING;
    private boolean cancelRequested;
    private Long inProgressAt;
    private Long finalizingAt;
    private Long completedAt;
    private Long failedAt;
    private Long expiredAt;
    private Long cancellingAt;
    private Long cancelledAt;
    private int total;
    private int completed;
    private int failed;
    private long inputTokens;
    private long outputTokens;
    private String model;
    private String outputFileId;
    private String errorFileId;
    private final List<ObjectNode> errors = new ArrayList<>();

    BatchJob(Order order, SimulatorSettings.Batches settings, FileStore store, BatchLines lines, Clock clock,
             LongSupplier nanoTime) {
        this.order = order;
        this.settings = settings;
        this.store = store;
        this.lines = lines;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.createdAt = clock.instant().getEpochSecond();
        this.startNanos = nanoTime.getAsLong();
    }

    String id() {
        return order.id();
    }

    long createdAt() {
        return createdAt;
    }

    /** Asks the batch to stop; false when it has already ended. */
    synchronized boolean cancel() {
        if (status.terminal()) {
            return false;
        }
        if (!cancelRequested) {
            cancelRequested = true;
            status = BatchStatus.CANCELLING;
            cancellingAt = now();
            notifyAll();
        }
        return true;
    }

    /** Waits until the batch has ended; false if {@code timeout} passed first. */
    synchronized boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        while (!status.terminal()) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Waits until at least {@code lines} lines are answered or the batch has ended; false on timeout. */
    synchronized boolean awaitAnswered(int lines, Duration timeout) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        while (completed + failed < lines && !status.terminal()) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Runs the whole life of the batch on the calling thread. */
    @Override
    public void run() {
        try {
            live();
        } catch (IOException | RuntimeException e) {
            fail(List.of(error("server_error", "The batch could not be processed: " + e.getMessage(), null)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the simulator is closing
        }
    }

    private void live() throws IOException, InterruptedException {
        Duration duration = settings.duration();
        long validatingEnd = startNanos + duration.toNanos() / 10;
        long answeringSpan = duration.toNanos() * 8 / 10;
        List<ObjectNode> problems = new ArrayList<>();
        int count = validate(problems);
        if (!waitUntil(validatingEnd)) {
            endEarly(false, count);
            return;
        }
        if (!problems.isEmpty()) {
            fail(problems);
            return;
        }
        synchronized (this) {
            total = count;
            status = BatchStatus.IN_PROGRESS;
            inProgressAt = now();
        }
        Path output = store.scratch(".jsonl");
        Path errorsFile = store.scratch(".jsonl");
        boolean stopped = false;
        try (BufferedReader reader = Files.newBufferedReader(order.input().path(), StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
             BufferedWriter err = Files.newBufferedWriter(errorsFile, StandardCharsets.UTF_8)) {
            int index = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = mapper.readTree(text);
                String customId = line.get("custom_id").asText();
                if (!stopped) {
                    long due = validatingEnd + answeringSpan * (index + 1) / count;
                    stopped = !waitUntil(due);
                }
                if (stopped) {
                    if (!settings.quirks()) { // Azure leaves the lines it never ran out of the error file
                        boolean cancelled = cancelRequested();
                        err.write(lines.notRun(customId, cancelled ? "batch_cancelled" : "batch_expired",
                                cancelled ? "This request was not executed because the batch was cancelled."
                                        : "This request could not be executed before the completion window "
                                                + "expired."));
                        err.newLine();
                    }
                } else {
                    BatchLines.Answer answer = lines.answer(customId, line.get("body"), order.azure(), order.auth());
                    (answer.ok() ? out : err).write(answer.json());
                    (answer.ok() ? out : err).newLine();
                    synchronized (this) {
                        if (answer.ok()) {
                            completed++;
                            inputTokens += answer.promptTokens();
                            outputTokens += answer.completionTokens();
                            if (model == null) model = answer.model();
                        } else {
                            failed++;
                        }
                        notifyAll(); // for awaitAnswered
                    }
                }
                index++;
            }
        }
        if (stopped) {
            endEarly(true, count, output, errorsFile);
            return;
        }
        synchronized (this) {
            status = BatchStatus.FINALIZING;
            finalizingAt = now();
        }
        if (!waitUntil(startNanos + duration.toNanos())) {
            endEarly(true, count, output, errorsFile);
            return;
        }
        synchronized (this) {
            attachFiles(output, errorsFile);
            status = BatchStatus.COMPLETED;
            completedAt = now();
            notifyAll();
        }
    }

    private void endEarly(boolean answering, int count) throws IOException, InterruptedException {
        endEarly(answering, count, null, null);
    }

    /** Ends a batch that was cancelled or ran out of its window, with whatever output it has. */
    private void endEarly(boolean answering, int count, Path output, Path errorsFile)
            throws IOException, InterruptedException {
        if (cancelRequested()) {
            // Cancelling takes a moment on the services too; the finished part is kept.
            sleepUntil(nanoTime.getAsLong() + settings.duration().toNanos() / 10, false);
            synchronized (this) {
                if (answering) {
                    attachFiles(output, errorsFile);
                }
                status = BatchStatus.CANCELLED;
                cancelledAt = now();
                notifyAll();
            }
            return;
        }
        sleepUntil(expiry(), false);
        synchronized (this) {
            if (total == 0) {
                total = count;
            }
            if (answering) {
                attachFiles(output, errorsFile);
            }
            status = BatchStatus.EXPIRED;
            expiredAt = now();
            notifyAll();
        }
    }

    /** Lists the output and error files in the store, as the services (or Azure's quirks) do. */
    private void attachFiles(Path output, Path errorsFile) {
        try {
            String name = order.id();
            if (completed > 0 || !settings.quirks()) {
                outputFileId = store.add(output, name + "_output.jsonl", "batch_output", now()).id();
            }
            boolean anyErrors = Files.size(errorsFile) > 0;
            if (anyErrors) {
                errorFileId = store.add(errorsFile, name + "_error.jsonl", "batch_output", now()).id();
            } else if (settings.quirks()) {
                // Azure answers either "" or the id of a zero-byte file when nothing failed.
                errorFileId = order.sequence() % 2 == 1 ? ""
                        : store.add(errorsFile, name + "_error.jsonl", "batch_output", now()).id();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Checks every line as the services do before a batch starts; returns the number of requests and
     * adds what is wrong to {@code problems}.
     */
    private int validate(List<ObjectNode> problems) throws IOException {
        Set<String> customIds = new HashSet<>();
        String model = null;
        int count = 0;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(order.input().path(), StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                    problems.add(order.azure()
                            ? error("model_not_found", "A valid model deployment name couldn't be extracted "
                                    + "from the input file. (The file starts with a UTF-8 byte-order mark.)", null)
                            : error("invalid_json_line", "Line 1 starts with a UTF-8 byte-order mark; the file "
                                    + "must be plain UTF-8 JSONL.", 1));
                    return 0;
                }
                if (text.isBlank()) {
                    continue;
                }
                count++;
                String problem = null;
                String code = "invalid_request";
                JsonNode line = null;
                try {
                    line = mapper.readTree(text);
                } catch (IOException e) {
                    code = "invalid_json_line";
                    problem = "This line is not parseable as valid JSON.";
                }
                if (problem == null && (line == null || !line.isObject())) {
                    code = "invalid_json_line";
                    problem = "This line is not a JSON object.";
                } else if (problem == null) {
                    JsonNode customId = line.get("custom_id");
                    JsonNode body = line.get("body");
                    if (customId == null || !customId.isTextual() || customId.asText().isEmpty()) {
                        problem = "The line has no 'custom_id' string.";
                    } else if (!customIds.add(customId.asText())) {
                        code = "duplicate_custom_id";
                        problem = "The custom_id '" + customId.asText() + "' is used on more than one line.";
                    } else if (!"POST".equals(line.path("method").asText())) {
                        problem = "The line's 'method' must be POST.";
                    } else if (!sameEndpoint(line.path("url").asText())) {
                        code = "url_mismatch";
                        problem = "The line's url '" + line.path("url").asText() + "' does not match the batch's "
                                + "endpoint '" + order.endpoint() + "'.";
                    } else if (body == null || !body.isObject()) {
                        problem = "The line's 'body' must be a JSON object.";
                    } else if (order.azure()) {
                        String lineModel = body.path("model").asText("");
                        if (lineModel.isEmpty()) {
                            code = "model_not_found";
                            problem = "The line's body names no model (the Global Batch deployment).";
                        } else if (model != null && !model.equals(lineModel)) {
                            code = "model_mismatch";
                            problem = "Every line must name the same deployment: '" + lineModel + "' differs "
                                    + "from '" + model + "'.";
                        }
                        model = model == null ? lineModel : model;
                    }
                }
                if (problem != null && problems.size() < MAX_ERRORS) {
                    problems.add(error(code, problem, lineNumber));
                }
            }
        }
        int most = order.azure() ? AZURE_MAX_LINES : OPENAI_MAX_LINES;
        if (count == 0) {
            problems.add(error("empty_file", "The input file has no requests.", null));
        } else if (count > most) {
            problems.add(error("too_many_tasks", "The input file has " + count + " requests; a batch takes at "
                    + "most " + most + ".", null));
        }
        return count;
    }

    /** Whether a line's url is the batch's endpoint; Azure takes its lines with or without "/v1". */
    private boolean sameEndpoint(String url) {
        if (order.azure()) {
            return url.replaceFirst("^/v1/", "/").equals(order.endpoint().replaceFirst("^/v1/", "/"));
        }
        return url.equals(order.endpoint());
    }

    private void fail(List<ObjectNode> problems) {
        synchronized (this) {
            errors.addAll(problems);
            status = BatchStatus.FAILED;
            failedAt = now();
            notifyAll();
        }
    }

    private static ObjectNode error(String code, String message, Integer line) {
        ObjectNode error = JSON.objectNode().put("code", code).put("message", message);
        error.putNull("param");
        if (line != null) {
            error.put("line", line);
        } else {
            error.putNull("line");
        }
        return error;
    }

    /**
     * Waits until {@code dueNanos}; false at once when the batch is cancelled, or when the window runs
     * out first (the caller then ends the batch early).
     */
    private boolean waitUntil(long dueNanos) throws InterruptedException {
        if (dueNanos - expiry() > 0) {
            sleepUntil(expiry(), true);
            return false;
        }
        sleepUntil(dueNanos, true);
        return !cancelRequested();
    }

    /** Sleeps until {@code dueNanos}; with {@code wakeOnCancel}, returns as soon as the batch is cancelled. */
    private synchronized void sleepUntil(long dueNanos, boolean wakeOnCancel) throws InterruptedException {
        while (!(wakeOnCancel && cancelRequested)) {
            long left = dueNanos - nanoTime.getAsLong();
            if (left <= 0) {
                return;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private long expiry() {
        return startNanos + settings.window().toNanos();
    }

    private synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** The batch object the services answer with. */
    synchronized ObjectNode json() {
        ObjectNode batch = JSON.objectNode()
                .put("id", order.id())
                .put("object", "batch")
                .put("endpoint", order.endpoint());
        if (errors.isEmpty()) {
            batch.putNull("errors");
        } else {
            ObjectNode list = batch.putObject("errors").put("object", "list");
            ArrayNode data = list.putArray("data");
            errors.forEach(data::add);
        }
        batch.put("input_file_id", order.input().id())
                .put("completion_window", order.completionWindow())
                .put("status", status.wireName(settings.quirks()))
                .put("output_file_id", outputFileId)
                .put("error_file_id", errorFileId)
                .put("created_at", createdAt)
                .put("in_progress_at", inProgressAt)
                .put("expires_at", createdAt + Math.max(1, settings.window().toSeconds()))
                .put("finalizing_at", finalizingAt)
                .put("completed_at", completedAt)
                .put("failed_at", failedAt)
                .put("expired_at", expiredAt)
                .put("cancelling_at", cancellingAt)
                .put("cancelled_at", cancelledAt);
        batch.putObject("request_counts").put("total", total).put("completed", completed).put("failed", failed);
        if (!order.azure()) {
            // OpenAI's batches made since September 2025 name their model and add up their tokens
            // (openai-python types/batch.py and batch_usage.py); Azure's do not.
            batch.put("model", model);
            ObjectNode usage = batch.putObject("usage").put("input_tokens", inputTokens);
            usage.putObject("input_tokens_details").put("cached_tokens", 0);
            usage.put("output_tokens", outputTokens);
            usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
            usage.put("total_tokens", inputTokens + outputTokens);
        }
        batch.set("metadata", order.metadata() == null ? JSON.nullNode() : order.metadata());
        return batch;
    }
}
