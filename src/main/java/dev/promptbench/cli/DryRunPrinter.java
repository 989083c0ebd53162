package dev.promptbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptbench.app.DryRun;
import dev.promptbench.app.RunSpec;
import dev.promptbench.client.Endpoint;
import dev.promptbench.config.Price;
import dev.promptbench.config.Resolution;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.report.OutputFormat;
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
        Price price = resolution.firstPrice();
        if (price == null) {
            out.println("cost: unknown (add price: {input_per_1m, output_per_1m} to the endpoint in your --config profile)");
        } else {
            double input = price.cost(dry.promptTokens(), 0);
            out.println(String.format(Locale.ROOT, "cost: %.4f for the prompts%s", input,
                    dry.maxCompletionTokens() == null ? " + the completions (unbounded)"
                            : String.format(Locale.ROOT, " + at most %.4f for the completions = at most %.4f",
                                    price.cost(0, dry.maxCompletionTokens()),
                                    input + price.cost(0, dry.maxCompletionTokens()))));
        }
        out.flush();
        return ExitCode.OK;
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
        Price price = resolution.firstPrice();
        if (price == null) {
            root.putNull("cost");
        } else {
            double input = price.cost(dry.promptTokens(), 0);
            Double completions = dry.maxCompletionTokens() == null ? null : price.cost(0, dry.maxCompletionTokens());
            root.putObject("cost").put("prompts", input).put("completions_at_most", completions)
                    .put("total_at_most", completions == null ? null : input + completions);
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
