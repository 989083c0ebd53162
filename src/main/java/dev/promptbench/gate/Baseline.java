package dev.promptbench.gate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.results.EndpointInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved {@code --format json} document that relative thresholds compare with. Two runs compare only
 * when they asked the same thing of the same service: the endpoint (kind, URL, deployment, model) and
 * {@code config.max_tokens} and {@code config.stream} must match. The simulator's URL is not compared
 * (it listens on a new ephemeral port each run).
 */
public final class Baseline {
    /** Field by field, the settings that make two runs comparable: JSON Pointers into both documents. */
    private static final List<String> MUST_MATCH = List.of(
            "/endpoint/kind", "/endpoint/url", "/endpoint/deployment", "/endpoint/model",
            "/config/max_tokens", "/config/stream");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String SAVE_HINT = "save the output of 'promptbench run --format json' as the baseline";

    private final Path path;
    private final JsonNode document;
    private final GatedRun run;

    private Baseline(Path path, JsonNode document) {
        this.path = path;
        this.document = document;
        this.run = GatedRun.saved(document);
    }

    /**
     * Reads a baseline.
     *
     * @throws GateException one line, when the file is unreadable or not a promptbench JSON document
     */
    public static Baseline load(Path path) {
        String name = "baseline " + path;
        if (Files.isDirectory(path)) throw new GateException(name + " is a directory, not a saved --format json run");
        JsonNode document;
        try (JsonParser parser = MAPPER.createParser(Files.readAllBytes(path))) {
            document = MAPPER.readTree(parser);
            // A results .jsonl file is one JSON value per line: its first line alone must not pass for a run.
            if (document != null && parser.nextToken() != null) {
                throw new GateException(name + " holds more than one JSON value (a results .jsonl file?); "
                        + SAVE_HINT);
            }
        } catch (NoSuchFileException e) {
            throw new GateException("cannot read " + name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new GateException("cannot read " + name + ": permission denied");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new GateException(name + " is not a promptbench --format json document ("
                    + oneLine(e.getOriginalMessage()) + (at == null ? "" : " at line " + at.getLineNr())
                    + "); " + SAVE_HINT);
        } catch (IOException e) {
            throw new GateException("cannot read " + name + ": " + oneLine(e.getMessage()));
        }
        if (document == null || document.isMissingNode()) throw new GateException(name + " is empty");
        if (!document.isObject() || !document.path("schema_version").isInt() || !document.path("modes").isObject()) {
            throw new GateException(name + " is not a promptbench --format json document (it needs "
                    + "\"schema_version\" and \"modes\"); " + SAVE_HINT);
        }
        return new Baseline(path, document);
    }

    public Path path() {
        return path;
    }

    /** The saved document. */
    public JsonNode document() {
        return document;
    }

    /** The saved run as thresholds read it. */
    public GatedRun run() {
        return run;
    }

    /** What differs between the baseline and {@code run}, one entry per field: empty when they compare. */
    public List<String> differences(JsonNode run) {
        boolean bothSimulated = "simulator".equals(document.at("/endpoint/kind").asText(null))
                && "simulator".equals(run.at("/endpoint/kind").asText(null));
        List<String> differences = new ArrayList<>();
        for (String pointer : MUST_MATCH) {
            if (bothSimulated && pointer.equals("/endpoint/url")) continue;
            String saved = shown(document.at(pointer));
            String now = shown(run.at(pointer));
            if (!Objects.equals(saved, now)) {
                differences.add(pointer.substring(1).replace('/', '.') + " (baseline " + saved + ", this run " + now + ")");
            }
        }
        return differences;
    }

    /**
     * Decides whether {@code run} may be compared with this baseline.
     *
     * @param allowMismatch turn a refusal into a warning
     * @return a one-line warning when they differ and that is allowed, else empty
     * @throws GateException when they differ and that is not allowed
     */
    /**
     * {@link #admit(JsonNode, boolean)} for a run known before it starts by what the baseline compares: its
     * endpoint, max tokens and streaming.
     */
    public Optional<String> admit(EndpointInfo endpoint, Integer maxTokens, boolean stream, boolean allowMismatch) {
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.putObject("endpoint").put("kind", endpoint.kind()).put("url", endpoint.url())
                .put("deployment", endpoint.deployment()).put("model", endpoint.model());
        run.putObject("config").put("max_tokens", maxTokens).put("stream", stream);
        return admit(run, allowMismatch);
    }

    public Optional<String> admit(JsonNode run, boolean allowMismatch) {
        List<String> differences = differences(run);
        if (differences.isEmpty()) return Optional.empty();
        String what = "baseline " + path + " differs from this run in " + String.join(", ", differences);
        if (!allowMismatch) {
            throw new GateException(what + "; the runs do not compare (--allow-baseline-mismatch compares them anyway)");
        }
        return Optional.of("warning: " + what + "; comparing anyway");
    }

    private static String shown(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) return "none";
        return node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
