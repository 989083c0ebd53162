package dev.promptbench.gate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Hand-written {@code --format json} documents with the real key names, and a way to change one value; a
 * document is checked as a saved run is (a --baseline): its modes read back as statistics.
 */
final class Documents {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A compare run with streaming: every alias has a value. Round numbers keep the expected limits obvious. */
    static final String COMPARE = """
            {
              "schema_version": 1,
              "promptbench_version": "0.1.0",
              "simulated": false,
              "endpoint": {"name": "prod", "kind": "azure",
                           "url": "https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions",
                           "deployment": "gpt-4o-mini", "model": null, "protocol": "h2"},
              "endpoints": [],
              "config": {"mode": "compare", "threads": 4, "max_tokens": 256, "temperature": null, "top_p": null,
                         "seed": null, "stream": true, "order": "seq-first", "timeout_ms": 600000,
                         "connect_timeout_ms": 10000},
              "prompts": 100,
              "threads": 4,
              "results_file": "results/run.jsonl",
              "modes": {
                "sequential": {
                  "threads": 1, "wall_ms": 40000.0, "requests": 100, "ok": 100, "errors": 0, "filtered": 0,
                  "not_run": 0, "requests_per_s": 2.5,
                  "latency_ms": {"p50": 350.0, "p90": 450.0, "p95": 500.0, "p99": 700.0, "max": 900.0},
                  "ttft_ms": {"p50": 100.0, "p90": 150.0, "p95": 200.0, "p99": 300.0, "max": 400.0},
                  "tpot_ms": {"p50": 10.0, "p90": 15.0, "p95": 20.0, "p99": 30.0, "max": 40.0},
                  "tokens": {"prompt": 2500, "completion": 25000},
                  "completion_tokens_per_s": 625.0,
                  "errors_by_kind": {}, "retries": 0, "rate_limited": 0, "retries_after_send": 0, "wait_ms": 0.0
                },
                "parallel": {
                  "threads": 4, "wall_ms": 10000.0, "requests": 100, "ok": 97, "errors": 2, "filtered": 1,
                  "not_run": 0, "requests_per_s": 10.0,
                  "latency_ms": {"p50": 1000.0, "p90": 1800.0, "p95": 2310.0, "p99": 3000.0, "max": 4000.0},
                  "ttft_ms": {"p50": 200.0, "p90": 300.0, "p95": 400.0, "p99": 600.0, "max": 800.0},
                  "tpot_ms": {"p50": 20.0, "p90": 30.0, "p95": 40.0, "p99": 60.0, "max": 80.0},
                  "chunk_gap_ms": {"p50": 20.0, "p90": 30.0, "p95": 40.0, "p99": 60.0, "max": 80.0},
                  "decode_tokens_per_s": {"p50": 50.0, "p90": 60.0, "p95": 65.0, "p99": 70.0, "max": 75.0},
                  "tokens_estimated": 0,
                  "tokens": {"prompt": 2500, "completion": 25000},
                  "completion_tokens_per_s": 2500.0,
                  "cost": {"total": 0.0153, "per_1k_prompts": 0.153, "priced": 100, "unpriced": 0},
                  "errors_by_kind": {"server_error": 2}, "retries": 3, "rate_limited": 5, "retries_after_send": 0,
                  "wait_ms": 1500.0, "lower_bound_ms": 8000.0, "efficiency": 0.8
                }
              },
              "speedup": 4.0
            }
            """;

    /** A parallel-only run without streaming: no ttft, no speedup. */
    static final String PARALLEL_ONLY = """
            {
              "schema_version": 1,
              "promptbench_version": "0.1.0",
              "simulated": true,
              "endpoint": {"name": "simulator", "kind": "simulator",
                           "url": "http://127.0.0.1:41793/openai/deployments/gpt-4o-mini-sim/chat/completions",
                           "deployment": "gpt-4o-mini-sim", "model": null, "protocol": "http/1.1"},
              "endpoints": [],
              "config": {"mode": "parallel", "threads": 8, "max_tokens": null, "stream": false},
              "prompts": 4,
              "threads": 8,
              "modes": {
                "parallel": {
                  "threads": 8, "wall_ms": 757.364, "requests": 4, "ok": 4, "errors": 0, "filtered": 0,
                  "not_run": 0, "requests_per_s": 5.281,
                  "latency_ms": {"p50": 740.863, "p90": 756.223, "p95": 756.223, "p99": 756.223, "max": 756.223},
                  "tokens": {"prompt": 100, "completion": 259}, "completion_tokens_per_s": 341.976,
                  "errors_by_kind": {}, "retries": 0, "rate_limited": 0, "retries_after_send": 0, "wait_ms": 0.0,
                  "lower_bound_ms": 757.093, "efficiency": 0.9996
                }
              }
            }
            """;

    private Documents() {}

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode compare() {
        return parse(COMPARE);
    }

    static ObjectNode parallelOnly() {
        return parse(PARALLEL_ONLY);
    }

    /** {@code document} with the value at {@code pointer} replaced (the parent must exist); null removes nothing, sets null. */
    static ObjectNode with(ObjectNode document, String pointer, Object value) {
        JsonPointer at = JsonPointer.compile(pointer);
        ObjectNode parent = (ObjectNode) document.at(at.head());
        String field = at.last().getMatchingProperty();
        parent.set(field, JSON.valueToTree(value));
        return document;
    }

    /** {@code document} without the value at {@code pointer}. */
    static ObjectNode without(ObjectNode document, String pointer) {
        JsonPointer at = JsonPointer.compile(pointer);
        ((ObjectNode) document.at(at.head())).remove(at.last().getMatchingProperty());
        return document;
    }

    /** {@code document} as thresholds read a run: its modes read back as statistics, the document itself. */
    static GatedRun run(JsonNode document) {
        return GatedRun.saved(document);
    }

    static Verdict check(JsonNode run, String threshold) {
        return Thresholds.parse(List.of(threshold), false).evaluate(run(run), null).get(0);
    }

    static Verdict check(JsonNode run, JsonNode baseline, String threshold) {
        return Thresholds.parse(List.of(threshold), true).evaluate(run(run), run(baseline)).get(0);
    }
}
