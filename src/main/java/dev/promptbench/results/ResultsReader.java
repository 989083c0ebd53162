package dev.promptbench.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.RequestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a results file in one streaming pass and hands each record, typed, to a {@link RecordHandler}:
 * the one reader of the format {@link ResultsWriter} writes. Memory stays bounded whatever the number
 * of requests. Unknown keys and record types are skipped, and so is a last line cut short by a killed
 * run; a file of a later major schema version is refused.
 */
public final class ResultsReader {
    private final Path file;
    private final RecordHandler handler;
    private final Set<String> unknownModes = new LinkedHashSet<>();
    private boolean headerSeen;

    /**
     * What a pass found besides the records.
     *
     * @param cutLine       the number of a last line cut short and skipped, or 0
     * @param unknownModes  modes this version does not know, whose records were skipped
     */
    public record End(int cutLine, Set<String> unknownModes) {}

    private ResultsReader(Path file, RecordHandler handler) {
        this.file = file;
        this.handler = handler;
    }

    /**
     * Reads {@code file} from start to end into {@code handler}.
     *
     * @throws ResultsFileException one line naming the file (and line): not a results file, a broken
     *                              line, a later schema version
     */
    public static End read(Path file, RecordHandler handler) throws IOException, ResultsFileException {
        if (Files.isDirectory(file)) throw new ResultsFileException(file + ": is a directory, not a results file");
        if (!Files.isRegularFile(file)) throw new ResultsFileException(file + ": no such file");
        return new ResultsReader(file, handler).readAll();
    }

    private End readAll() throws IOException, ResultsFileException {
        try (JsonLines lines = new JsonLines(file)) {
            JsonLines.Line line;
            int brokenLine = 0;
            while ((line = lines.next()) != null) {
                // A broken line is what a killed writer leaves last; anywhere else the file is damaged.
                if (brokenLine > 0) throw new ResultsFileException(file + ":" + brokenLine + ": not valid JSON");
                try {
                    record(line);
                } catch (JsonProcessingException e) {
                    if (!headerSeen) {
                        throw new ResultsFileException(file + ": not a promptbench results file (its first line is "
                                + "not JSON)");
                    }
                    brokenLine = line.number();
                }
            }
            if (!headerSeen) throw new ResultsFileException(file + ": empty, or not a promptbench results file");
            return new End(brokenLine, Collections.unmodifiableSet(unknownModes));
        }
    }

    private void record(JsonLines.Line line) throws IOException, ResultsFileException {
        try (JsonParser p = RecordJson.MAPPER.getFactory().createParser(line.bytes(), 0, line.length())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw notAnObject(line);
            }
            // The writer puts "type" first: a request record is then read without a tree.
            if (headerSeen && p.nextToken() == JsonToken.FIELD_NAME && "type".equals(p.currentName())
                    && p.nextToken() == JsonToken.VALUE_STRING && "request".equals(p.getText())) {
                request(RequestRecord.read(p, unknownModes::add));
                if (p.nextToken() != null) throw new JsonProcessingException("trailing tokens") {};
                return;
            }
        }
        JsonNode node;
        try (JsonParser p = RecordJson.MAPPER.getFactory().createParser(line.bytes(), 0, line.length())) {
            node = RecordJson.MAPPER.readTree(p);
            if (p.nextToken() != null) throw new JsonProcessingException("trailing tokens") {};
        }
        if (!node.isObject()) throw notAnObject(line);
        tree(node, line);
    }

    private void tree(JsonNode node, JsonLines.Line line) throws IOException, ResultsFileException {
        String type = node.path("type").asText("");
        if (!headerSeen) {
            if (!"run".equals(type)) {
                throw new ResultsFileException(file + ": not a promptbench results file (no run header)");
            }
            int schema = node.path("schema_version").asInt(0);
            if (schema > ResultsWriter.SCHEMA_VERSION) {
                throw new ResultsFileException(file + " was written by a newer promptbench (results schema " + schema
                        + ", this version reads " + ResultsWriter.SCHEMA_VERSION + "): upgrade promptbench to read it");
            }
            headerSeen = true;
            handler.header(RecordDecoder.header(node));
            if ("batch".equals(node.path("mode").asText())) handler.batchParts(RecordDecoder.batchParts(node));
            return;
        }
        switch (type) {
            case "run" -> throw new ResultsFileException(file + ":" + line.number()
                    + ": a second run header (this file holds more than one run)");
            case "request" -> {
                try (JsonParser p = node.traverse()) {
                    p.nextToken();
                    request(RequestRecord.read(p, unknownModes::add));
                }
            }
            case "summary" -> {
                Mode mode = mode(node);
                if (mode == Mode.BATCH) handler.batchSummary(RecordDecoder.batchSummary(node));
                else if (mode != null) handler.summary(RecordJson.readMode(node, mode, handler::notice));
            }
            case "resume" -> handler.resume(RecordDecoder.resume(node));
            case "sweep_step" -> handler.sweepStep(new SweepMark(node.path("threads").asInt(1),
                    node.path("requests").asInt()));
            case "limit" -> {
                Mode mode = mode(node);
                if (mode != null && node.path("limit").isNumber()) {
                    handler.limit(new LimitChange(mode, node.path("repeat").asInt(0),
                            node.path("offset_ms").asDouble(0), node.path("limit").asInt(),
                            node.path("reason").asText("")));
                }
            }
            default -> { } // a record type from a later version: skipped
        }
    }

    private void request(RequestResult request) {
        if (request != null) handler.request(request);
    }

    private Mode mode(JsonNode node) {
        String name = node.path("mode").asText("");
        Mode mode = RecordDecoder.mode(name);
        if (mode == null) unknownModes.add(name);
        return mode;
    }

    private ResultsFileException notAnObject(JsonLines.Line line) {
        return new ResultsFileException(headerSeen ? file + ":" + line.number() + ": not a JSON object"
                : file + ": not a promptbench results file (no run header)");
    }
}
