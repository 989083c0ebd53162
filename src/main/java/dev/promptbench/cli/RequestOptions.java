package dev.promptbench.cli;

import dev.promptbench.config.IoReason;
import dev.promptbench.config.Resolution;
import dev.promptbench.prompt.JsonFields;
import dev.promptbench.prompt.JsonValue;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.run.RequestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The API fields sent with each request: only those given are sent. */
final class RequestOptions {
    @Option(names = "--role", paramLabel = "user|system", defaultValue = "user", order = 40,
            description = "Role of each .txt prompt's message (default: ${DEFAULT-VALUE}).")
    String role = "user";

    @Option(names = "--system", paramLabel = "TEXT", order = 41,
            description = "A system message put before each prompt.")
    String system;

    @Option(names = "--temperature", paramLabel = "T", order = 42, description = "Sampling temperature, 0..2.")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", order = 43, description = "Nucleus sampling, 0..1.")
    Double topP;

    @Option(names = "--seed", paramLabel = "N", order = 44, description = "The API's best-effort determinism seed.")
    Long seed;

    @Option(names = "--stream", order = 46,
            description = "Stream answers (SSE) and measure time to first token and time per output token.")
    boolean stream;

    @Option(names = "--cache-bust", order = 47,
            description = "Start each prompt with a unique nonce, so the service's prompt cache cannot favour the "
                    + "mode that runs second.")
    boolean cacheBust;

    @Option(names = "--max-tokens", paramLabel = "N", order = 45,
            description = "Completion limit per request (sent as max_completion_tokens or max_tokens).")
    Integer maxTokens;

    @Option(names = "--extra-body", paramLabel = "JSON", order = 48,
            description = "A JSON object merged into every request body, e.g. '{\"reasoning_effort\":\"low\"}', or a "
                    + "file holding one (no shell quoting). The flags above and a prompt's own fields win.")
    String extraBody;

    @Option(names = "--reasoning-effort", paramLabel = "LEVEL", order = 49,
            description = "Reasoning models (o-series, gpt-5): minimal, low, medium or high, sent as reasoning_effort "
                    + "(--api responses: reasoning.effort).")
    String reasoningEffort;

    @Option(names = "--service-tier", paramLabel = "TIER", order = 50, converter = WireNameConverter.Tier.class,
            description = "Service tier to ask for, sent as service_tier: auto, default, flex (cheaper, slower) or "
                    + "priority (faster, dearer). A profile's service_tier: is the default. The tier each answer says "
                    + "served it is recorded, and answers served below the tier asked are counted.")
    ServiceTier serviceTier;

    @Option(names = "--store", order = 51,
            description = "Let the service store the answers (sent as store: true). With --api responses promptbench "
                    + "otherwise sends store: false: Azure and OpenAI store responses by default.")
    boolean store;

    private static final Set<String> EFFORTS = Set.of("minimal", "low", "medium", "high");
    /** Fields the request itself owns: an extra value would be ignored or break the measurement. */
    private static final Set<String> OWNED = Set.of("messages", "stream");

    void validate() {
        if (!"user".equals(role) && !"system".equals(role)) {
            throw new UsageException("--role must be user or system (got '" + role + "')");
        }
        FlagCheck.between("--temperature", temperature, 0, 2);
        FlagCheck.between("--top-p", topP, 0, 1);
        FlagCheck.atLeast("--max-tokens", maxTokens, 1);
        if (reasoningEffort != null && !EFFORTS.contains(reasoningEffort)) {
            throw new UsageException("--reasoning-effort must be minimal, low, medium or high (got '"
                    + reasoningEffort + "')");
        }
        extraFields();
    }

    /** {@code --extra-body} with {@code --reasoning-effort} and {@code --store} on top, in order; empty when none is given. */
    private Map<String, JsonValue> extraFields() {
        Map<String, JsonValue> fields = extraBody == null ? new LinkedHashMap<>() : parseExtraBody(extraBody);
        if (reasoningEffort != null) fields.put("reasoning_effort", new JsonValue.Text(reasoningEffort));
        if (store) fields.put("store", new JsonValue.Bool(true));
        return fields;
    }

    private static Map<String, JsonValue> parseExtraBody(String text) {
        String json = text;
        // Not JSON-looking: a file name. (Not @FILE: picocli would expand that into arguments itself.)
        if (!text.strip().startsWith("{") && !text.strip().startsWith("[")) {
            Path file;
            try {
                file = Path.of(text);
            } catch (InvalidPathException e) {
                throw new UsageException("--extra-body must be a JSON object or a file holding one");
            }
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UsageException("--extra-body must be a JSON object or a file holding one; there is no file "
                        + text);
            } catch (IOException e) {
                throw new UsageException("--extra-body " + text + ": cannot read the file (" + IoReason.of(e) + ")");
            }
        }
        Map<String, JsonValue> fields;
        try {
            fields = JsonFields.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--extra-body is not valid JSON: " + e.getMessage()
                    + " (shells often eat the quotes: put the JSON in a file and pass --extra-body FILE)");
        }
        if (fields == null) {
            throw new UsageException("--extra-body must be a JSON object, e.g. '{\"reasoning_effort\":\"low\"}'");
        }
        for (String owned : OWNED) {
            if (fields.containsKey(owned)) {
                throw new UsageException("--extra-body cannot set \"" + owned + "\""
                        + (owned.equals("stream") ? ": use --stream" : ": it comes from the prompt file"));
            }
        }
        return new LinkedHashMap<>(fields);
    }

    /** The settings, asking for --service-tier or else the profile's service_tier. */
    RequestSettings settings(Resolution resolution) {
        return settings().withServiceTier(serviceTier != null ? serviceTier : resolution.serviceTier());
    }

    RequestSettings settings() {
        return new RequestSettings(temperature, topP, seed, maxTokens, stream, cacheBust, extraFields());
    }
}
