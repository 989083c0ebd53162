package dev.promptbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.app.DryRun;
import dev.promptbench.app.RunSpec;
import dev.promptbench.client.Endpoint;
import dev.promptbench.config.Resolution;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.report.OutputFormat;
import dev.promptbench.report.TokenFigures;
import dev.promptbench.run.Plan;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints what {@code run --dry-run} found (as lines, or one JSON document): what would be sent where, and what it could cost. */
final class DryRunPrinter {
    private DryRunPrinter() {}

    static int print(RunSpec spec, Resolution resolution, OutputFormat format, PrintWriter out)
            throws PromptFileException {
        DryRun dry = DryRun.of(spec);
        if (format == OutputFormat.JSON) return json(spec, resolution, dry, out);
        out.println("dry run: nothing was sent");
        if (resolution.useSimulator()) {
            out.println("endpoint: the built-in simulator (no endpoint configured)");
        }
        for (Endpoint endpoint : resolution.endpoints()) {
            out.println("endpoint: " + endpoint.name() + " · " + endpoint.kind() + " · " + endpoint.displayUrl()
                    + (endpoint.deployment() != null ? " · deployment " + endpoint.deployment() : "")
                    + (endpoint.model() != null ? " · model " + endpoint.model() : "")
                    + " · " + endpoint.credential().describe());
        }
        for (Plan plan : spec.schedule().plans()) {
            out.println(plan.mode().wireName() + ": " + (long) dry.prompts() * spec.schedule().repeats() + " requests"
                    + (spec.schedule().repeats() > 1 ? " (" + dry.prompts() + " prompts × " + spec.schedule().repeats() + " repeats)" : "")
                    + (plan.workers() > 1 ? " on " + plan.workers() + " threads" : ", one at a time"));
        }
        out.println("in all: " + dry.requests() + " requests (the canary" + (spec.schedule().warmupRequests() > 0
                ? " and " + Math.min(spec.schedule().warmupRequests(), dry.prompts()) + " warm-up requests" : "") + " included)");
        out.println("prompt tokens: " + dry.promptTokens() + " (o200k tokenizer; the service's count may differ slightly)");
        out.println("completion tokens: " + (dry.maxCompletionTokens() == null
                ? "not bounded: set --max-tokens (Azure then reserves the whole context against your TPM quota)"
                : "at most " + dry.maxCompletionTokens()));
        Estimate cost = Estimate.of(spec, resolution, dry);
        if (cost.prompts() == null) {
            out.println("cost: unknown (" + cost.why() + ")");
        } else {
            out.println(String.format(Locale.ROOT, "cost: %s for the prompts%s (%s)", TokenFigures.money(cost.prompts()),
                    cost.completions() == null ? " + the completions (unbounded)"
                            : " + at most " + TokenFigures.money(cost.completions()) + " for the completions = at most "
                                    + TokenFigures.money(cost.prompts() + cost.completions()),
                    spec.pricing().describe()));
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * The cost of the prompts and at most of the completions, with the prices a run uses (the first
     * endpoint's model, the tier asked; the canary and warm-up included); nulls when unknown.
     */
    private record Estimate(Double prompts, Double completions, String why) {
        static Estimate of(RunSpec spec, Resolution resolution, DryRun dry) {
            String endpoint = resolution.useSimulator() ? null : resolution.endpoints().get(0).name();
            var tier = spec.settings().serviceTier();
            Double prompts = spec.pricing().estimate(endpoint, dry.promptTokens(), 0, tier);
            Double completions = prompts == null || dry.maxCompletionTokens() == null ? null
                    : spec.pricing().estimate(endpoint, 0, dry.maxCompletionTokens(), tier);
            String model = spec.pricing().modelOf(endpoint);
            String why = resolution.useSimulator() ? "the built-in simulator costs nothing"
                    : "no price for " + (model == null ? "this endpoint's model" : "model " + model)
                            + (tier == null ? "" : " at the " + tier.wireName() + " tier")
                            + ": add prices: {" + (model == null ? "MODEL" : model) + ": {input_per_1m: N, "
                            + "output_per_1m: N}} to your --config file, or price: to the endpoint";
            return new Estimate(prompts, completions, why);
        }
    }

    /** The same as one JSON document: counts as numbers, unknowns as null. */
    private static int json(RunSpec spec, Resolution resolution, DryRun dry, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("dry_run", true);
        root.put("simulated", resolution.useSimulator());
        ArrayNode endpoints = root.putArray("endpoints");
        if (resolution.useSimulator()) {
            endpoints.addObject().put("name", "simulator").put("kind", "simulator");
        }
        for (Endpoint endpoint : resolution.endpoints()) {
            endpoints.addObject().put("name", endpoint.name()).put("kind", endpoint.kind())
                    .put("url", endpoint.displayUrl()).put("deployment", endpoint.deployment())
                    .put("model", endpoint.model()).put("auth", endpoint.credential().describe());
        }
        root.put("prompts", dry.prompts());
        root.put("repeats", spec.schedule().repeats());
        ObjectNode modes = root.putObject("modes");
        for (Plan plan : spec.schedule().plans()) {
            modes.putObject(plan.mode().wireName()).put("requests", (long) dry.prompts() * spec.schedule().repeats())
                    .put("threads", plan.workers());
        }
        root.put("requests", dry.requests());
        root.put("prompt_tokens", dry.promptTokens());
        root.put("max_completion_tokens", dry.maxCompletionTokens());
        Estimate cost = Estimate.of(spec, resolution, dry);
        if (cost.prompts() == null) {
            root.putNull("cost");
        } else {
            root.putObject("cost").put("prompts", cost.prompts()).put("completions_at_most", cost.completions())
                    .put("total_at_most", cost.completions() == null ? null : cost.prompts() + cost.completions())
                    .put("prices", spec.pricing().describe());
        }
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return ExitCode.OK;
    }
}
