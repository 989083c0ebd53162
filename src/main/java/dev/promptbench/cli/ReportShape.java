package dev.promptbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys the run's {@code --format json} document will have, known before the run from its flags, so
 * that a {@code --fail-if} JSON Pointer that can read nothing is refused before a request is sent instead
 * of failing the gate afterwards. Keys known only at run time (errors_by_kind) take any name.
 *
 * <p>It mirrors the JSON reporter's document; GateBeforeRunTest checks that every value of real documents
 * is accepted, so a key added there without being added here fails that test.
 *
 * @param modes    the modes that run, by wire name
 * @param stream   --stream: time to first token and friends
 * @param openLoop --rate: queue and rate figures
 * @param repeated --repeat 2 or more: spreads and per-repeat figures
 */
record ReportShape(List<String> modes, boolean stream, boolean openLoop, boolean repeated) {
    private static final Object VALUE = "value";
    private static final Object ANY_KEYS = "any keys";

    /** An array whose elements all have one shape. */
    private record Elements(Object shape) {}

    /** Checks one JSON Pointer: empty when the document will have something there, else why not. */
    Optional<String> problem(String pointer) {
        Object node = document();
        Map<String, String> absent = absentBecause();
        StringBuilder at = new StringBuilder();
        for (String segment : segments(pointer)) {
            String here = at.length() == 0 ? "the document" : at.toString();
            if (node == VALUE) {
                return Optional.of(here + " is a single value, with nothing under it");
            }
            if (node == ANY_KEYS) return Optional.empty();
            if (node instanceof Elements elements) {
                if (!segment.matches("0|[1-9][0-9]{0,8}")) {
                    return Optional.of(here + " is a list: its items are /0, /1, ...");
                }
                node = elements.shape();
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) node;
                if (!object.containsKey(segment)) {
                    String why = at.toString().equals("/modes") ? modeMissing(segment) : absent.get(segment);
                    return Optional.of(why != null ? at + "/" + segment + " " + why
                            : here + " has no '" + segment + "' (it has " + String.join(", ", object.keySet()) + ")");
                }
                node = object.get(segment);
            }
            at.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return Optional.empty();
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

    private Map<String, Object> document() {
        Map<String, Object> root = object("schema_version", "promptbench_version", "simulated");
        root.put("endpoint", endpoint());
        root.put("endpoints", new Elements(endpoint()));
        root.put("config", object("mode", "threads", "max_tokens", "temperature", "top_p", "seed", "stream", "order",
                "timeout_ms", "connect_timeout_ms", "service_tier", "prices"));
        root.putAll(object("prompts", "threads", "results_file"));
        Map<String, Object> byMode = new LinkedHashMap<>();
        for (String mode : modes) byMode.put(mode, mode(mode, true));
        root.put("modes", byMode);
        if (modes.size() == 2) {
            root.put("speedup", VALUE);
            if (repeated) root.put("speedup_spread", spread());
        }
        root.put("overhead_ms", VALUE);
        return root;
    }

    private Map<String, Object> mode(String mode, boolean headline) {
        Map<String, Object> node = object("threads", "wall_ms", "requests", "ok", "errors", "filtered", "not_run",
                "requests_per_s");
        node.put("latency_ms", percentiles());
        if (stream) {
            for (String key : List.of("ttft_ms", "tpot_ms", "chunk_gap_ms", "decode_tokens_per_s")) {
                node.put(key, percentiles());
            }
            node.put("tokens_estimated", VALUE);
        }
        if (openLoop) {
            node.put("queue_ms", percentiles());
            node.put("rate", object("arrival", "asked_per_s", "achieved_per_s"));
        }
        node.put("tokens", object("prompt", "completion", "reasoning", "cached", "reasoning_share", "cached_share",
                "answers_without_usage"));
        node.putAll(object("completion_tokens_per_s"));
        node.put("cost", object("total", "per_1k_prompts", "priced", "unpriced"));
        node.put("served_tiers", ANY_KEYS);
        node.put("errors_by_kind", ANY_KEYS);
        node.putAll(object("retries", "rate_limited", "retries_after_send", "wait_ms"));
        if (mode.equals("parallel")) node.putAll(object("lower_bound_ms", "efficiency"));
        if (headline && repeated) {
            Map<String, Object> spread = object("kind");
            for (String key : List.of("wall_ms", "p50_ms", "p95_ms")) spread.put(key, spread());
            node.put("spread", spread);
            node.putAll(object("percentiles_over"));
            node.put("repeats", new Elements(mode(mode, false)));
        }
        return node;
    }

    private static Map<String, Object> endpoint() {
        return object("name", "kind", "url", "deployment", "model", "protocol");
    }

    private static Map<String, Object> percentiles() {
        return object("p50", "p90", "p95", "p99", "max");
    }

    private static Map<String, Object> spread() {
        return object("kind", "median", "low", "high");
    }

    private static Map<String, Object> object(String... values) {
        Map<String, Object> node = new LinkedHashMap<>();
        for (String key : values) node.put(key, VALUE);
        return node;
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
