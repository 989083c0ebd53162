package dev.promptbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/** {@code run --dry-run --format json}: what a run would send, where, and what it could cost; counts as numbers, unknowns as null. */
public final class DryRunJson {
    private DryRunJson() {}

    /** An endpoint the run would send to, as the document names it (the simulator: name and kind only). */
    public record Target(String name, String kind, String url, String deployment, String model, String auth) {}

    /** The requests of one mode and the workers that would send them. */
    public record ModeLoad(String mode, long requests, int threads) {}

    /**
     * What the run would send in all.
     *
     * @param maxCompletionTokens null when some prompt has no limit
     */
    public record Totals(int prompts, int repeats, long requests, long promptTokens, Long maxCompletionTokens) {}

    /**
     * The cost estimate, or null as a whole when the prompts cannot be priced.
     *
     * @param completionsAtMost null when the completions are not bounded
     */
    public record Cost(double prompts, Double completionsAtMost, String prices) {}

    /** Writes the document, pretty-printed, on {@code out}. */
    public static void write(boolean simulated, List<Target> targets, Totals totals, List<ModeLoad> modes, Cost cost,
                             PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("dry_run", true);
        root.put("simulated", simulated);
        ArrayNode endpoints = root.putArray("endpoints");
        for (Target target : targets) {
            ObjectNode endpoint = endpoints.addObject().put("name", target.name()).put("kind", target.kind());
            if (target.url() == null) continue;
            endpoint.put("url", target.url()).put("deployment", target.deployment()).put("model", target.model())
                    .put("auth", target.auth());
        }
        root.put("prompts", totals.prompts());
        root.put("repeats", totals.repeats());
        ObjectNode byMode = root.putObject("modes");
        for (ModeLoad mode : modes) {
            byMode.putObject(mode.mode()).put("requests", mode.requests()).put("threads", mode.threads());
        }
        root.put("requests", totals.requests());
        root.put("prompt_tokens", totals.promptTokens());
        root.put("max_completion_tokens", totals.maxCompletionTokens());
        if (cost == null) {
            root.putNull("cost");
        } else {
            root.putObject("cost").put("prompts", cost.prompts()).put("completions_at_most", cost.completionsAtMost())
                    .put("total_at_most", cost.completionsAtMost() == null ? null
                            : cost.prompts() + cost.completionsAtMost())
                    .put("prices", cost.prices());
        }
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
