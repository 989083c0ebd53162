package dev.promptbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.report.JsonReporter;
import dev.promptbench.report.RunReport;
import dev.promptbench.results.EndpointInfo;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.RunKind;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.Percentiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys the run's {@code --format json} document will have, known before the run from its flags, so
 * that a {@code --fail-if} JSON Pointer that can read nothing is refused before a request is sent instead
 * of failing the gate afterwards. The shape is the JSON reporter's own document for a stand-in report of
 * these modes and flags (every figure present), so it cannot drift from what the run prints; an empty
 * object there (errors_by_kind) takes any key, a list any index.
 *
 * @param modes    the modes that run, by wire name
 * @param stream   --stream: time to first token and friends
 * @param openLoop --rate: queue and rate figures
 * @param repeated --repeat 2 or more: spreads and per-repeat figures
 */
public record ReportShape(List<String> modes, boolean stream, boolean openLoop, boolean repeated) {

    /** The shape of a finished run's document: its modes, streaming, open-loop rate and repeats. */
    public static ReportShape of(RunReport report) {
        return new ReportShape(report.modes().keySet().stream().map(Mode::wireName).toList(), report.config().stream(),
                report.modes().values().stream().anyMatch(m -> m.headline().rate() != null), report.repeats() > 1);
    }

    /** Checks one JSON Pointer: empty when the document will have something there, else why not. */
    public Optional<String> problem(String pointer) {
        JsonNode node = JsonReporter.toJson(standIn());
        Map<String, String> absent = absentBecause();
        StringBuilder at = new StringBuilder();
        for (String segment : segments(pointer)) {
            String here = at.length() == 0 ? "the document" : at.toString();
            if (!node.isContainerNode()) return Optional.of(here + " is a single value, with nothing under it");
            if (node.isEmpty()) return Optional.empty();
            if (node.isArray()) {
                if (!segment.matches("0|[1-9][0-9]{0,8}")) {
                    return Optional.of(here + " is a list: its items are /0, /1, ...");
                }
                node = node.get(0);
            } else {
                if (!node.has(segment)) {
                    String why = at.toString().equals("/modes") ? modeMissing(segment) : absent.get(segment);
                    List<String> keys = new ArrayList<>();
                    node.fieldNames().forEachRemaining(keys::add);
                    return Optional.of(why != null ? at + "/" + segment + " " + why
                            : here + " has no '" + segment + "' (it has " + String.join(", ", keys) + ")");
                }
                node = node.get(segment);
            }
            at.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return Optional.empty();
    }

    /** A report of these modes and flags with every figure known, for its document's keys. */
    private RunReport standIn() {
        Map<Mode, List<ModeSummary>> repeats = new LinkedHashMap<>();
        for (String name : modes) {
            Mode mode = Arrays.stream(Mode.values()).filter(m -> m.wireName().equals(name)).findFirst().orElseThrow();
            List<ModeSummary> summaries = new ArrayList<>();
            for (int repeat = 0; repeat < (repeated ? 2 : 1); repeat++) summaries.add(standIn(mode, repeat));
            repeats.put(mode, summaries);
        }
        EndpointInfo endpoint = new EndpointInfo("e", "k", "u", "d", "m", "p");
        RunConfig config = new RunConfig(RunKind.COMPARE, 1, new RunConfig.Sampling(1, 1.0, 1.0, 1L), stream, "o",
                new RunConfig.Timeouts(1, 1), ServiceTier.AUTO, "p");
        return RunReport.of("v", false, List.of(endpoint), config, 1, "f", repeats);
    }

    private ModeSummary standIn(Mode mode, int repeat) {
        Percentiles p = new Percentiles(1, 1, 1, 1, 1, 1);
        boolean parallel = mode == Mode.PARALLEL;
        return new ModeSummary(mode, repeat, 1, new ModeSummary.Wall(1, 1, parallel ? 1.0 : null, parallel ? 1.0 : null),
                new ModeSummary.Counts(1, 1, 0, 0, 0, Map.of()), new ModeSummary.Timing(p,
                        stream ? new ModeSummary.StreamPercentiles(p, p, p, p, 0) : null, openLoop ? p : null, Map.of()),
                openLoop ? new ModeSummary.RateFigures("poisson 1/s", 1, 1) : null,
                new ModeSummary.Tokens(1L, 1L, 1.0, 0), new ModeSummary.AttemptTotals(0, 0, 0, 0));
    }

    private String modeMissing(String mode) {
        if (!mode.equals("sequential") && !mode.equals("parallel")) return null;
        return "is not in this run: only " + String.join(" and ", modes) + " runs (--mode " + modes.get(0) + ")";
    }

    /** Why a key the document can have is not in this run's. */
    private static Map<String, String> absentBecause() {
        Map<String, String> why = new LinkedHashMap<>();
        for (String key : List.of("ttft_ms", "tpot_ms", "chunk_gap_ms", "decode_tokens_per_s", "tokens_estimated")) {
            why.put(key, "exists only with --stream");
        }
        why.put("queue_ms", "exists only with --rate");
        why.put("rate", "exists only with --rate");
        why.put("lower_bound_ms", "exists only for the parallel mode");
        why.put("efficiency", "exists only for the parallel mode");
        why.put("spread", "exists only with --repeat 2 or more");
        why.put("repeats", "exists only with --repeat 2 or more");
        why.put("percentiles_over", "exists only with --repeat 2 or more");
        why.put("speedup", "exists only in compare mode (both modes run)");
        why.put("speedup_spread", "exists only in compare mode with --repeat 2 or more");
        return why;
    }

    /** RFC 6901: split on "/", then "~1" is "/" and "~0" is "~". */
    private static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            segments.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return segments;
    }
}
