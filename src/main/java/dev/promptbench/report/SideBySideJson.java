package dev.promptbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.results.RecordJson;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Several runs as one JSON document: {@code runs} holds each file's report exactly as
 * {@code report FILE --format json} prints it, {@code comparison} each later run against the first
 * (ratios of the later figure over the first's, null when withheld, with the reason).
 */
public final class SideBySideJson implements SideBySideReporter {

    @Override
    public void write(SideBySide runs, PrintWriter out) {
        try {
            out.println(RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(runs)));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode toJson(SideBySide runs) {
        ObjectNode root = RecordJson.MAPPER.createObjectNode();
        root.put("schema_version", 1);
        ArrayNode list = root.putArray("runs");
        runs.runs().forEach(run -> list.add(JsonReporter.toJson(run.report())));
        ArrayNode comparison = root.putArray("comparison");
        for (SideBySide.Versus v : runs.comparison()) {
            ObjectNode node = comparison.addObject();
            node.set("baseline", column(v.baseline()));
            node.set("run", column(v.other()));
            node.put("withheld", v.withheld());
            node.put("wall_ratio", v.wallRatio() == null ? null : RecordJson.round4(v.wallRatio()));
            node.put("requests_per_s_ratio", v.requestsPerSRatio() == null ? null
                    : RecordJson.round4(v.requestsPerSRatio()));
            node.put("wall_withheld", v.wallWithheld());
            node.put("cost_per_1k_ratio", v.costPer1kRatio() == null ? null : RecordJson.round4(v.costPer1kRatio()));
            node.put("cost_withheld", v.costWithheld());
        }
        return root;
    }

    private static ObjectNode column(SideBySide.Column column) {
        ObjectNode node = RecordJson.MAPPER.createObjectNode();
        node.put("results_file", column.run().report().resultsFile());
        node.put("mode", column.mode().wireName());
        return node;
    }
}
