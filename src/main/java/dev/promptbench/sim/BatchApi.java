package dev.promptbench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import dev.promptbench.client.ApiStyle;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The simulator's Files and Batch API: upload, list, get, delete and download files; create, get,
 * list and cancel batches, on Azure's and OpenAI's paths, answered in each service's shapes.
 */
final class BatchApi implements AutoCloseable {

    /** The largest upload: Azure's and OpenAI's limit for a batch input file. */
    static final long MAX_UPLOAD = 200L * 1024 * 1024;
    /** The largest JSON body of a create-batch request. */
    private static final int MAX_JSON = 1024 * 1024;
    private static final Set<String> PURPOSES = Set.of("batch", "fine-tune", "assistants", "vision",
            "user_data", "evals");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** What to send back: a JSON response, or a file's bytes. */
    record Reply(SimResponse response, StoredFile download) {
        static Reply json(SimResponse response) {
            return new Reply(response, null);
        }
    }

    private final SimulatorSettings.Batches settings;
    private final AccessRules access;
    private final FileStore store;
    private final BatchLines lines;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long seed;
    private final Map<String, BatchJob> batches = new ConcurrentHashMap<>();
    private final AtomicLong batchCounter = new AtomicLong();
    private final AtomicLong threadCounter = new AtomicLong();
    private final ExecutorService runners;
    private final ObjectMapper mapper = new ObjectMapper();

    BatchApi(SimulatorSettings settings, ChatCompletions completions, LongSupplier arrivals, Clock clock,
             LongSupplier nanoTime) throws IOException {
        this.settings = settings.batches();
        this.access = new AccessRules(settings.access());
        this.store = new FileStore(settings.seed());
        this.lines = new BatchLines(completions, arrivals, settings.seed());
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.seed = settings.seed();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "promptbench-sim-batch-" + threadCounter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // A thread per running batch: it mostly waits for its lines' times, and batches are few.
        this.runners = Executors.newCachedThreadPool(threads);
    }

    /** Waits until the batch has ended (completed, failed, expired or cancelled); false on timeout. */
    boolean awaitBatch(String id, Duration timeout) throws InterruptedException {
        BatchJob job = batches.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no batch " + id);
        }
        return job.awaitEnd(timeout);
    }

    /** Waits until {@code lines} lines of the batch are answered or it has ended; false on timeout. */
    boolean awaitAnswered(String id, int lines, Duration timeout) throws InterruptedException {
        BatchJob job = batches.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no batch " + id);
        }
        return job.awaitAnswered(lines, timeout);
    }

    /** Answers one request to a Files or Batch API path; reads the body from {@code body} as needed. */
    Reply serve(BatchRoute route, String method, String rawQuery, Headers headers, InputStream body)
            throws IOException {
        Optional<SimResponse> refused = access.refuse(
                new SimRoute(route.style() == ApiStyle.OPENAI ? ApiStyle.OPENAI : ApiStyle.AZURE_V1, null),
                headers);
        if (refused.isPresent()) {
            return Reply.json(refused.get());
        }
        if (route.style() == ApiStyle.AZURE_DEPLOYMENT && Query.value(rawQuery, "api-version").isEmpty()) {
            return Reply.json(ApiErrors.resourceNotFound());
        }
        boolean azure = route.azure();
        return switch (route.kind()) {
            case FILES -> switch (method) {
                case "POST" -> upload(route, headers, body);
                case "GET" -> Reply.json(list(store.list().stream().map(StoredFile::json).toList(), false));
                default -> Reply.json(notAllowed(method, "GET, POST"));
            };
            case FILE -> switch (method) {
                case "GET" -> Reply.json(store.get(route.id()).map(f -> ok(f.json()))
                        .orElseGet(() -> ApiErrors.noSuchObject(azure, "file", route.id())));
                case "DELETE" -> Reply.json(store.delete(route.id())
                        ? ok(JSON.objectNode().put("id", route.id()).put("object", "file").put("deleted", true))
                        : ApiErrors.noSuchObject(azure, "file", route.id()));
                default -> Reply.json(notAllowed(method, "GET, DELETE"));
            };
            case FILE_CONTENT -> method.equals("GET")
                    ? store.get(route.id()).map(f -> new Reply(null, f))
                            .orElseGet(() -> Reply.json(ApiErrors.noSuchObject(azure, "file", route.id())))
                    : Reply.json(notAllowed(method, "GET"));
            case BATCHES -> switch (method) {
                case "POST" -> Reply.json(create(route, headers, body));
                case "GET" -> Reply.json(listBatches(rawQuery));
                default -> Reply.json(notAllowed(method, "GET, POST"));
            };
            case BATCH -> method.equals("GET")
                    ? Reply.json(batch(route).map(job -> ok(job.json()))
                            .orElseGet(() -> ApiErrors.noSuchObject(azure, "batch", route.id())))
                    : Reply.json(notAllowed(method, "GET"));
            case BATCH_CANCEL -> method.equals("POST") ? Reply.json(cancel(route))
                    : Reply.json(notAllowed(method, "POST"));
        };
    }

    private Reply upload(BatchRoute route, Headers headers, InputStream body) throws IOException {
        boolean azure = route.azure();
        String boundary = MultipartUpload.boundary(headers.getFirst("Content-Type"));
        if (boundary == null) {
            return Reply.json(ApiErrors.badRequest(azure, "A file upload must be multipart/form-data with the "
                    + "fields 'purpose' and 'file'.", null, "invalid_content_type"));
        }
        Path target = store.scratch(".upload");
        MultipartUpload upload;
        try (body) {
            upload = MultipartUpload.read(body, boundary, target, MAX_UPLOAD);
        } catch (MultipartUpload.Malformed e) {
            Files.deleteIfExists(target);
            boolean tooLarge = e.getMessage().contains("larger than");
            return Reply.json(tooLarge ? ApiErrors.tooLarge(MAX_UPLOAD)
                    : ApiErrors.badRequest(azure, e.getMessage(), null, "invalid_multipart"));
        } catch (EOFException e) {
            Files.deleteIfExists(target);
            return Reply.json(ApiErrors.badRequest(azure, "The multipart body is incomplete: " + e.getMessage()
                    + ".", null, "invalid_multipart"));
        }
        String purpose = upload.fields().get("purpose");
        SimResponse refusal = null;
        if (purpose == null || purpose.isBlank()) {
            refusal = ApiErrors.badRequest(azure, "Missing required parameter: 'purpose'.", "purpose",
                    "missing_required_parameter");
        } else if (!PURPOSES.contains(purpose)) {
            refusal = ApiErrors.badRequest(azure, "Invalid value for 'purpose': '" + purpose + "'. Supported "
                    + "values are: 'batch', 'fine-tune', 'assistants', 'vision', 'user_data' and 'evals'.",
                    "purpose", "invalid_value");
        } else if (upload.filename() == null) {
            refusal = ApiErrors.badRequest(azure, "Missing required parameter: 'file'.", "file",
                    "missing_required_parameter");
        }
        if (refusal != null) {
            Files.deleteIfExists(target);
            return Reply.json(refusal);
        }
        StoredFile file = store.add(target, upload.filename(), purpose, now());
        // Azure's api-version route answers an upload with 201 Created; v1 and OpenAI with 200.
        int status = route.style() == ApiStyle.AZURE_DEPLOYMENT ? 201 : 200;
        return Reply.json(SimResponse.json(status, file.json().toString()));
    }

    private SimResponse create(BatchRoute route, Headers headers, InputStream body) throws IOException {
        boolean azure = route.azure();
        byte[] bytes;
        try (body) {
            bytes = body.readNBytes(MAX_JSON + 1);
        }
        if (bytes.length > MAX_JSON) {
            return ApiErrors.tooLarge(MAX_JSON);
        }
        JsonNode request;
        try {
            request = mapper.readTree(bytes);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return ApiErrors.badRequest(azure, "We could not parse the JSON body of your request. The body "
                    + "must be a JSON object (Content-Type: application/json).", null, "invalid_json");
        }
        String inputFileId = request.path("input_file_id").asText("");
        String endpoint = request.path("endpoint").asText("");
        String window = request.path("completion_window").asText("");
        if (inputFileId.isEmpty()) {
            return ApiErrors.badRequest(azure, "Missing required parameter: 'input_file_id'.", "input_file_id",
                    "missing_required_parameter");
        }
        if (endpoint.isEmpty()) {
            return ApiErrors.badRequest(azure, "Missing required parameter: 'endpoint'.", "endpoint",
                    "missing_required_parameter");
        }
        List<String> endpoints = azure ? List.of("/chat/completions", "/v1/chat/completions")
                : List.of("/v1/chat/completions");
        if (!endpoints.contains(endpoint)) {
            return ApiErrors.badRequest(azure, "Invalid value for 'endpoint': '" + endpoint + "'. The simulator "
                    + "batches chat completions: use '" + endpoints.get(0) + "'.", "endpoint", "invalid_value");
        }
        if (!window.equals("24h")) {
            return ApiErrors.badRequest(azure, "Invalid value for 'completion_window': '" + window + "'. "
                    + "Supported values are: '24h'.", "completion_window", "invalid_value");
        }
        JsonNode metadata = request.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            return ApiErrors.badRequest(azure, "Invalid type for 'metadata': expected an object.", "metadata",
                    "invalid_type");
        }
        Optional<StoredFile> input = store.get(inputFileId);
        if (input.isEmpty()) {
            return ApiErrors.noSuchObject(azure, "file", inputFileId);
        }
        if (!input.get().purpose().equals("batch")) {
            return ApiErrors.badRequest(azure, "The file '" + inputFileId + "' has purpose '"
                    + input.get().purpose() + "'; a batch needs a file uploaded with purpose 'batch'.",
                    "input_file_id", "invalid_value");
        }
        long sequence = batchCounter.incrementAndGet();
        String id = "batch_" + (azure ? uuidShaped(sequence) : Ids.hex(seed, -sequence, 32));
        Headers auth = new Headers();
        for (String name : List.of("Authorization", "api-key")) {
            String value = headers.getFirst(name);
            if (value != null) {
                auth.set(name, value);
            }
        }
        BatchJob job = new BatchJob(new BatchJob.Order(id, sequence, endpoint, input.get(), window,
                metadata == null || metadata.isNull() ? null : metadata.deepCopy(), azure, auth),
                settings, store, lines, clock, nanoTime);
        batches.put(id, job);
        ObjectNode created = job.json(); // before it runs, so the answer says "validating"
        try {
            runners.execute(job);
        } catch (RejectedExecutionException e) {
            batches.remove(id);
            return ApiErrors.internal();
        }
        return ok(created);
    }

    private SimResponse cancel(BatchRoute route) {
        Optional<BatchJob> job = batch(route);
        if (job.isEmpty()) {
            return ApiErrors.noSuchObject(route.azure(), "batch", route.id());
        }
        if (!job.get().cancel()) {
            return ApiErrors.openAiStyle(409, "Cannot cancel a batch that has already ended (status "
                    + job.get().json().path("status").asText() + ").", "invalid_request_error", null,
                    "batch_not_cancellable");
        }
        return ok(job.get().json());
    }

    private SimResponse listBatches(String rawQuery) {
        List<BatchJob> all = new ArrayList<>(batches.values());
        all.sort(Comparator.comparingLong(BatchJob::createdAt).thenComparing(BatchJob::id).reversed());
        Optional<String> after = Query.value(rawQuery, "after");
        int limit = 20;
        try {
            limit = Math.max(1, Math.min(100, Integer.parseInt(Query.value(rawQuery, "limit").orElse("20"))));
        } catch (NumberFormatException e) {
            // The services answer 400 here; the default page is as good for a simulator.
        }
        int from = 0;
        if (after.isPresent()) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(after.get())) {
                    from = i + 1;
                }
            }
        }
        List<ObjectNode> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()))
                .stream().map(BatchJob::json).toList();
        return list(page, from + limit < all.size());
    }

    private Optional<BatchJob> batch(BatchRoute route) {
        return Optional.ofNullable(batches.get(route.id()));
    }

    private static SimResponse list(List<ObjectNode> data, boolean hasMore) {
        ObjectNode list = JSON.objectNode().put("object", "list");
        ArrayNode items = list.putArray("data");
        data.forEach(items::add);
        list.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText())
                .put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText())
                .put("has_more", hasMore);
        return ok(list);
    }

    private static SimResponse ok(ObjectNode json) {
        return SimResponse.json(200, json.toString());
    }

    private static SimResponse notAllowed(String method, String allowed) {
        return ApiErrors.openAiStyle(405, "Method " + method + " is not allowed here; use " + allowed + ".",
                "invalid_request_error", null, "method_not_allowed").withHeader("Allow", allowed);
    }

    private String uuidShaped(long sequence) {
        String hex = Ids.hex(seed, -sequence, 32);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** Stops every batch and deletes every file. */
    @Override
    public void close() {
        runners.shutdownNow();
        try {
            runners.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
