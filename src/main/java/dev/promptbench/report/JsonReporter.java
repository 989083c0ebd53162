package dev.promptbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The run as one JSON document (schema version 1, snake_case, times in milliseconds): the only
 * thing on stdout with {@code --format json}. Later versions add keys, never rename these.
 */
public final class JsonReporter implements Reporter {

    @Override
    public void write(RunReport report, PrintWriter out) {
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report)));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree, for callers that embed or compare it. */
    public static ObjectNode toJson(RunReport report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema_version", 1);
        root.put("promptbench_version", report.version());
        root.put("simulated", report.simulated());
        root.set("endpoint", Json.endpoint(report.endpoint()));
        ArrayNode endpoints = root.putArray("endpoints");
        report.endpoints().forEach(e -> endpoints.add(Json.endpoint(e)));
        root.set("config", Json.config(report.config()));
        root.put("prompts", report.prompts());
        root.put("threads", report.threads());
        root.put("results_file", report.resultsFile());
        ObjectNode modes = root.putObject("modes");
        report.modes().forEach((mode, results) -> modes.set(mode.wireName(), Json.modeResults(results)));
        if (report.comparison() != null) {
            root.put("speedup", report.comparison().speedup() == null
                    ? null : Json.round4(report.comparison().speedup()));
            if (report.repeats() > 1) root.set("speedup_spread", Json.spread(report.comparison().spread(), 4));
        }
        return root;
    }
}
