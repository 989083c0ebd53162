package dev.promptbench.app;

import dev.promptbench.client.Endpoint;
import dev.promptbench.prompt.JsonFields;
import dev.promptbench.run.Arrival;
import dev.promptbench.run.Plan;
import dev.promptbench.run.RequestSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a run is started with, by flag, as text: the results header records them, so that
 * {@code --resume} finishes a run exactly as it was started and refuses a command line that would mix two
 * runs. Both sides of the comparison are made here, from the same validated run.
 */
public final class RunSettings {
    /** A setting not given. */
    public static final String NONE = "none";
    /** How headers written before 2026-12-03 (B5 of issue 12) recorded an open-loop rate: "poisson 10.0/s". */
    private static final Pattern OLD_RATE = Pattern.compile("(constant|poisson|gamma) ([0-9.eE+-]+)/s");

    private RunSettings() {}

    /**
     * Each setting that shapes the numbers, by the flag that sets it, in a fixed order, written as that flag's
     * argument ("none" for a setting not given, "true"/"false" for a switch), so a resume can give them again.
     */
    public static Map<String, String> of(RunSpec spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        RequestSettings request = spec.settings();
        settings.put("--mode", spec.schedule().mode().wireName());
        settings.put("--order", spec.schedule().order().wireName());
        settings.put("--threads", Integer.toString(spec.threads()));
        settings.put("--repeat", Integer.toString(spec.schedule().repeats()));
        List<Endpoint> endpoints = spec.session().endpoints();
        settings.put("--api", (endpoints.isEmpty() ? spec.session().api() : endpoints.get(0).api()).wireName());
        settings.put("--stream", Boolean.toString(request.stream()));
        settings.put("--max-tokens", text(request.maxTokens()));
        settings.put("--temperature", request.temperature() == null ? NONE : number(request.temperature()));
        settings.put("--top-p", request.topP() == null ? NONE : number(request.topP()));
        settings.put("--seed", text(request.seed()));
        settings.put("--service-tier", request.serviceTier() == null ? NONE : request.serviceTier().wireName());
        settings.put("--cache-bust", Boolean.toString(request.cacheBust()));
        settings.put("--extra-body", request.extraBody().isEmpty() ? NONE : JsonFields.write(request.extraBody()));
        settings.put("--role", spec.prompts().style().role());
        settings.put("--system", text(spec.prompts().style().system()));
        Arrival arrival = spec.schedule().plans().stream().filter(p -> p instanceof Plan.OpenLoop)
                .map(p -> ((Plan.OpenLoop) p).arrival()).findFirst().orElse(null);
        settings.put("--rate", arrival == null ? NONE : number(arrival.rate()));
        if (arrival != null) {
            settings.put("--arrival", arrival.kind().wireName());
            settings.put("--burstiness", number(arrival.burstiness()));
            settings.put("--arrival-seed", Long.toString(arrival.seed()));
        }
        settings.put("--timeout", duration(spec.session().client().requestTimeout()));
        settings.put("--connect-timeout", duration(spec.session().client().connectTimeout()));
        settings.put("--stream-idle-timeout", spec.session().client().streamIdleTimeout() == null ? NONE
                : duration(spec.session().client().streamIdleTimeout()));
        settings.put("--retries", Integer.toString(spec.session().retry().retries()));
        settings.put("endpoint", endpoints.isEmpty() ? "the built-in simulator" : endpoint(endpoints.get(0)));
        // The simulated service is part of the endpoint: a resume against the simulator is sent to the same one.
        if (endpoints.isEmpty()) settings.putAll(spec.session().simulatorKnobs());
        for (int i = 1; i < endpoints.size(); i++) settings.put("endpoint " + (i + 1), endpoint(endpoints.get(i)));
        return settings;
    }

    /**
     * The settings as this version writes them, from a header written before they were recorded as flags read
     * them back (before 2026-12-03 12:17 UTC): durations were ISO-8601 ({@code PT10M}) and the rate was "poisson 10.0/s". A file
     * that cannot be given its settings back could not be resumed at all.
     */
    public static Map<String, String> upgraded(Map<String, String> recorded) {
        Map<String, String> settings = new LinkedHashMap<>();
        recorded.forEach((flag, value) -> {
            if (value.startsWith("PT")) {
                try {
                    value = duration(Duration.parse(value));
                } catch (DateTimeParseException notOne) {
                    // left as it was: the comparison names it
                }
            }
            Matcher rate = OLD_RATE.matcher(value);
            if (flag.equals("--rate") && rate.matches()) {
                settings.put(flag, number(Double.parseDouble(rate.group(2))));
                settings.putIfAbsent("--arrival", rate.group(1));
                return;
            }
            settings.put(flag, value);
        });
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
                differences.add(label(setting) + ": the run used " + was + ", this command " + now);
            }
        });
        return differences;
    }

    /** A setting as the user may have typed it: the extra fields are also set by two flags of their own. */
    private static String label(String setting) {
        return setting.equals("--extra-body") ? "--extra-body (with --reasoning-effort and --store)" : setting;
    }

    /** Kind, URL (not the simulator's: a new port each time), deployment, model and the max-tokens field. */
    private static String endpoint(Endpoint e) {
        return e.kind() + (e.simulated() ? "" : " " + e.displayUrl())
                + (e.deployment() == null ? "" : " deployment " + e.deployment())
                + (e.model() == null ? "" : " model " + e.model())
                + (e.maxTokensField() == null ? "" : " " + e.maxTokensField());
    }

    private static String text(Object value) {
        return value == null ? NONE : value.toString();
    }

    /**
     * As {@code --timeout} reads it back, written as people write it (and the defaults are): whole hours, whole
     * minutes from 2m, whole seconds (60s, 90s), else milliseconds.
     */
    /** A duration as the flags read it back: 10m, 30s, 1.5ms. */
    public static String duration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos != 0 && nanos % 3_600_000_000_000L == 0) return nanos / 3_600_000_000_000L + "h";
        if (nanos >= 120_000_000_000L && nanos % 60_000_000_000L == 0) return nanos / 60_000_000_000L + "m";
        if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
    }

    /** A number as people write it: 1, 0.7, 12.5 (not 1.0). */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
