package dev.promptbench.cli;

import dev.promptbench.app.DryRun;
import dev.promptbench.app.RunSpec;
import dev.promptbench.client.Endpoint;
import dev.promptbench.config.Resolution;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.report.DryRunJson;
import dev.promptbench.report.OutputFormat;
import dev.promptbench.report.TokenFigures;
import dev.promptbench.run.Plan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
        List<DryRunJson.Target> targets = new ArrayList<>();
        if (resolution.useSimulator()) targets.add(new DryRunJson.Target("simulator", "simulator", null, null, null, null));
        for (Endpoint endpoint : resolution.endpoints()) {
            targets.add(new DryRunJson.Target(endpoint.name(), endpoint.kind(), endpoint.displayUrl(),
                    endpoint.deployment(), endpoint.model(), endpoint.credential().describe()));
        }
        List<DryRunJson.ModeLoad> modes = spec.schedule().plans().stream().map(plan -> new DryRunJson.ModeLoad(
                plan.mode().wireName(), (long) dry.prompts() * spec.schedule().repeats(), plan.workers())).toList();
        Estimate cost = Estimate.of(spec, resolution, dry);
        DryRunJson.write(resolution.useSimulator(), targets, new DryRunJson.Totals(dry.prompts(),
                        spec.schedule().repeats(), dry.requests(), dry.promptTokens(), dry.maxCompletionTokens()), modes,
                cost.prompts() == null ? null
                        : new DryRunJson.Cost(cost.prompts(), cost.completions(), spec.pricing().describe()), out);
        return ExitCode.OK;
    }
}
