package dev.promptbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.report.JsonReporter;
import dev.promptbench.report.RunReport;
import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.ModeResults;
import java.util.Map;

/**
 * A run as thresholds read it: its statistics, which the metric aliases read, and its {@code --format json}
 * document, which JSON Pointers read.
 *
 * @param modes    each mode's results over its repeats
 * @param speedup  sequential wall over parallel wall, or null when withheld or only one mode ran
 * @param document the run's {@code --format json} document
 */
public record GatedRun(Map<Mode, ModeResults> modes, Double speedup, JsonNode document) {

    /** A finished run: its report, and the document the JSON reporter makes of it. */
    public static GatedRun of(RunReport report) {
        return new GatedRun(report.modes(), report.comparison() == null ? null : report.comparison().speedup(),
                JsonReporter.toJson(report));
    }

    /** A saved {@code --format json} document (a baseline), its modes read back as statistics. */
    public static GatedRun saved(JsonNode document) {
        JsonNode speedup = document.path("speedup");
        return new GatedRun(JsonReporter.readModes(document), speedup.isNumber() ? speedup.asDouble() : null,
                document);
    }

    /** The mode named {@code wireName}, or null when it did not run. */
    ModeResults mode(String wireName) {
        for (Map.Entry<Mode, ModeResults> mode : modes.entrySet()) {
            if (mode.getKey().wireName().equals(wireName)) return mode.getValue();
        }
        return null;
    }
}
