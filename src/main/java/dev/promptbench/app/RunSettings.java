package dev.promptbench.app;

import dev.promptbench.client.Endpoint;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a run is started with, by flag, as text: the results header records them, so that
 * {@code --resume} finishes a run exactly as it was started and refuses a command line that would mix two
 * runs. Both sides of the comparison are made here, from the same validated run.
 */
public final class RunSettings {
    private RunSettings() {}

    /** Each setting that shapes the numbers, by the flag that sets it, in a fixed order. */
    public static Map<String, String> of(RunSpec spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        RequestSettings request = spec.settings();
        settings.put("--mode", spec.schedule().mode().wireName());
        settings.put("--order", spec.schedule().order().wireName());
        settings.put("--threads", Integer.toString(spec.threads()));
        settings.put("--repeat", Integer.toString(spec.schedule().repeats()));
        settings.put("--stream", Boolean.toString(request.stream()));
        settings.put("--max-tokens", text(request.maxTokens()));
        settings.put("--temperature", text(request.temperature()));
        settings.put("--top-p", text(request.topP()));
        settings.put("--seed", text(request.seed()));
        settings.put("--extra-body", text(request.extraBody()));
        settings.put("--role", spec.prompts().style().role());
        settings.put("--system", text(spec.prompts().style().system()));
        settings.put("--rate", spec.schedule().plans().stream().filter(p -> p instanceof Plan.OpenLoop)
                .map(p -> ((Plan.OpenLoop) p).arrival().toString()).findFirst().orElse("none"));
        settings.put("--timeout", spec.session().client().requestTimeout().toString());
        settings.put("--connect-timeout", spec.session().client().connectTimeout().toString());
        settings.put("--stream-idle-timeout", text(spec.session().client().streamIdleTimeout()));
        settings.put("--retries", Integer.toString(spec.session().retry().retries()));
        List<Endpoint> endpoints = spec.session().endpoints();
        settings.put("endpoint", endpoints.isEmpty() ? "the built-in simulator" : endpoint(endpoints.get(0)));
        for (int i = 1; i < endpoints.size(); i++) settings.put("endpoint " + (i + 1), endpoint(endpoints.get(i)));
        return settings;
    }

    /**
     * Where a resumed run's settings and this command line's differ, one phrase each ("--threads: the run
     * used 8, this command 4"); empty when they agree. A setting the file did not record is not compared.
     */
    public static List<String> disagreements(Map<String, String> recorded, Map<String, String> requested) {
        List<String> differences = new ArrayList<>();
        recorded.forEach((setting, was) -> {
            String now = requested.get(setting);
            if (now != null && !Objects.equals(was, now)) {
                differences.add(setting + ": the run used " + was + ", this command " + now);
            }
        });
        return differences;
    }

    /** Kind, URL (not the simulator's: a new port each time), deployment, model and the max-tokens field. */
    private static String endpoint(Endpoint e) {
        return e.kind() + (e.simulated() ? "" : " " + e.displayUrl())
                + (e.deployment() == null ? "" : " deployment " + e.deployment())
                + (e.model() == null ? "" : " model " + e.model())
                + (e.maxTokensField() == null ? "" : " " + e.maxTokensField());
    }

    private static String text(Object value) {
        return value == null ? "none" : value.toString();
    }
}
