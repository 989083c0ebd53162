package dev.promptbench.cli;

import dev.promptbench.app.RunSettings;
import dev.promptbench.sim.FaultKind;
import dev.promptbench.sim.RateLimitHeaderStyle;
import dev.promptbench.sim.ServiceFeatures;
import dev.promptbench.sim.SimulatorSettings;
import dev.promptbench.sim.Throttles;
import dev.promptbench.sim.TokenCounting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The simulated service's knobs, declared once: {@code simulate} takes them as {@code --NAME}, and run,
 * sweep and batch run (whose simulator starts when no endpoint is configured) as {@code --sim-NAME}. A
 * command that takes them is {@link Simulated} and names {@link AsSimFlags} or {@link AsOwnFlags} as its
 * model transformer, which adds the options, bound to this object, in a help section of their own.
 */
final class SimulatorOptions {
    private static final SimulatorSettings DEFAULTS = SimulatorSettings.defaults();
    /** Every fault kind, as the options' default. */
    static final String ALL_FAULT_KINDS = "500,503,reset,malformed,slow-headers";

    /** A command, or a mixin of it, that takes the knobs. */
    interface Simulated {
        SimulatorOptions simulatorOptions();
    }

    /** run, sweep and batch run: the knobs as {@code --sim-NAME}. */
    static final class AsSimFlags implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return addTo(spec, "--sim-", "%nBuilt-in simulator (used when no endpoint is configured):%n");
        }
    }

    /** simulate: the knobs as {@code --NAME}. */
    static final class AsOwnFlags implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return addTo(spec, "--", "%nThe simulated service:%n");
        }
    }

    private static CommandSpec addTo(CommandSpec spec, String prefix, String heading) {
        ArgGroupSpec.Builder group = ArgGroupSpec.builder().heading(heading).order(6).validate(false).exclusive(false);
        simulated(spec).simulatorOptions().options(prefix).forEach(group::addArg);
        spec.addArgGroup(group.build());
        return spec;
    }

    private static Simulated simulated(CommandSpec spec) {
        if (spec.userObject() instanceof Simulated command) return command;
        return spec.mixins().values().stream().map(CommandSpec::userObject).filter(Simulated.class::isInstance)
                .map(Simulated.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException(spec.name() + " takes no simulator options"));
    }

    // Each knob's value, null (false) when not given: the simulator's default applies.
    private Duration ttftMedian;
    private Double ttftSigma;
    private Integer tokens;
    private Duration tokenDelay;
    private Integer tokensPerChunk;
    private String stall;
    private Long seed;
    private Double faultRate;
    private String faultKinds;
    private Integer rpm;
    private Integer tpm;
    private Double timeScale;
    private String tokenCounting;
    private String rateLimitHeaders;
    private String throttleCauses;
    private Integer reasoningTokens;
    private boolean noPromptCache;
    private Double tierDowngrade;

    /** Each knob's flag ({@code --sim-NAME} or {@code --NAME}) and its value as text, set or not; see {@link #given()}. */
    private final Map<String, String> given = new LinkedHashMap<>();

    /**
     * Every knob by flag, with its value as the flag reads it back, or {@link RunSettings#NONE} when not given
     * (the simulator's default): what a results header records so that a resumed run is sent to the same
     * simulated service.
     */
    Map<String, String> given() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** The knobs as options named {@code prefix + name}, bound to this object, in help order. */
    private List<OptionSpec> options(String prefix) {
        List<OptionSpec> all = new ArrayList<>();
        Knobs knobs = new Knobs(prefix, all, given);
        knobs.add("ttft-median", "DURATION", Duration.class, v -> ttftMedian = v,
                "Median time to first token, e.g. 800ms or 1.5s (default 400ms).");
        knobs.add("ttft-sigma", "SIGMA", Double.class, v -> ttftSigma = v,
                "Log-normal spread of the time to first token; 0 makes every service time fixed, answer length "
                        + "too (default 0.35).");
        knobs.add("tokens", "N", Integer.class, v -> tokens = v,
                "Median answer length in tokens, capped by the request's max tokens (default 80).");
        knobs.add("token-delay", "DURATION", Duration.class, v -> tokenDelay = v,
                "Time per answer token after the first (default 8ms).");
        knobs.add("tokens-per-chunk", "N", Integer.class, v -> tokensPerChunk = v,
                "Answer tokens per streamed event, 1..8, as Azure's content filter batches them; the delay stays "
                        + "per token, so bigger chunks come less often (default 1).");
        knobs.add("stall", "AT:FOR", String.class, v -> stall = v,
                "Answer nothing for FOR, starting AT after the simulator started (e.g. 10s:2s): responses and "
                        + "stream events due meanwhile are held until it ends; requests are still accepted "
                        + "(default: no stall).");
        knobs.add("seed", "N", Long.class, v -> seed = v,
                "Seed of every random draw: latency, length and faults (default 42).");
        knobs.add("fault-rate", "R", Double.class, v -> faultRate = v,
                "Share of requests that fail on purpose, 0..1; each request's fate is keyed by seed, prompt and "
                        + "attempt, so a retry draws anew (default 0).");
        knobs.add("fault-kinds", "LIST", String.class, v -> faultKinds = v,
                "The failures to pick from, evenly: 500, 503 (with retry-after), reset (connection closed "
                        + "mid-body), malformed (200 with broken JSON), slow-headers (200, headers late) "
                        + "(default: all).");
        knobs.add("rpm", "N", Integer.class, v -> rpm = v,
                "Requests per minute per deployment, checked per second as Azure does (429 above it); 0 for none, "
                        + "or TPM × 6 / 1000 when only the token limit is given (default 0).");
        knobs.add("tpm", "N", Integer.class, v -> tpm = v,
                "Tokens per minute per deployment, charged at admission as prompt + max tokens (4096 when a "
                        + "request sets none), with a 10 s burst; 0 for none (default 0).");
        knobs.add("time-scale", "K", Double.class, v -> timeScale = v,
                "Run the rate limits' clock K times faster (60: a minute lasts one second), and shorten "
                        + "Retry-After advice to match (default 1).");
        knobs.add("token-counting", "RULE", String.class, v -> tokenCounting = v,
                "How the token limit counts prompt tokens: words (as usage reports them) or chars4 (a token per "
                        + "four characters: a service that counts differently from the client) (default words).");
        knobs.add("rate-limit-headers", "WHICH", String.class, v -> rateLimitHeaders = v,
                "x-ratelimit-* headers sent: all (limit and remaining), remaining (the remaining pair only, as "
                        + "many Azure deployments) or none (as many compatible servers) (default all).");
        knobs.add("429-cause", "CAUSE[:SHARE],...", String.class, v -> throttleCauses = v,
                "Answer a share of requests (default 0.1 each; a retry draws anew) with the 429 the real services "
                        + "send for a cause: requests, tokens, quota (from then on, every request), capacity "
                        + "(x-ratelimit-limit-* at half), flex (429 Resource Unavailable); spillover answers 200 "
                        + "with x-ms-spillover-from-deployment on Azure routes. E.g. capacity:0.2,quota:0.01 "
                        + "(default: none).");
        knobs.add("reasoning-tokens", "N", Integer.class, v -> reasoningTokens = v,
                "Hidden reasoning tokens per answer, spent at the token delay before the first visible token and "
                        + "reported as reasoning_tokens (default 0).");
        knobs.add("no-prompt-cache", null, Boolean.class, v -> noPromptCache = v,
                "No prompt cache (by default a repeated prefix of 1,024 tokens or more is reported as "
                        + "cached_tokens and answered sooner).");
        knobs.add("tier-downgrade", "R", Double.class, v -> tierDowngrade = v,
                "Share (0..1) of service_tier: priority requests served, and answered, at default (default 0).");
        return all;
    }

    /** Builds each knob's option; a flag (no label) takes no value. */
    private record Knobs(String prefix, List<OptionSpec> all, Map<String, String> given) {
        <T> void add(String name, String label, Class<T> type, Consumer<T> set, String description) {
            String flag = prefix + name;
            given.put(flag, RunSettings.NONE);
            OptionSpec.Builder option = OptionSpec.builder(flag).type(type).description(description)
                    .order(all.size()).setter(new ISetter() {
                        @Override
                        public <V> V set(V value) {
                            set.accept(type.cast(value));
                            // A parse starts by setting every option to its initial value (null, false).
                            given.put(flag, value == null || Boolean.FALSE.equals(value) ? RunSettings.NONE
                                    : value instanceof Duration d ? RunSettings.duration(d) : String.valueOf(value));
                            return null;
                        }
                    });
            if (label == null) option.arity("0");
            else option.paramLabel(label);
            if (type == Duration.class) option.converters(new DurationConverter());
            all.add(option.build());
        }
    }

    /** The settings of a simulator started for a run (no endpoint configured): the knobs given as --sim-*. */
    SimulatorSettings settings() {
        return settings("--sim-");
    }

    /**
     * The knobs as settings of a simulator on any free port, the simulator's defaults for those not given.
     *
     * @param prefix how the options are named, for the one line a bad value gets
     * @throws UsageException when a value is out of range
     */
    SimulatorSettings settings(String prefix) {
        FlagCheck.atLeast(prefix + "ttft-sigma", ttftSigma, 0);
        FlagCheck.atLeast(prefix + "tokens", tokens, 1);
        // Checked in the order they always were, so of two bad values the same one is named.
        SimulatorSettings.Faults checkedFaults = faults(faultRate != null ? faultRate : 0,
                faultKinds != null ? faultKinds : ALL_FAULT_KINDS, prefix);
        SimulatorSettings.Limits checkedLimits = limits(rpm != null ? rpm : 0, tpm != null ? tpm : 0,
                timeScale != null ? timeScale : 1, prefix)
                .withCounting(tokenCounting(tokenCounting != null ? tokenCounting : "words", prefix))
                .withHeaders(rateLimitHeaders(rateLimitHeaders != null ? rateLimitHeaders : "all", prefix))
                .withThrottles(throttles(throttleCauses, prefix));
        SimulatorSettings.Answers answers = DEFAULTS.answers();
        SimulatorSettings.Answers checkedAnswers = new SimulatorSettings.Answers(
                ttftMedian != null ? ttftMedian : answers.ttftMedian(),
                ttftSigma != null ? ttftSigma : answers.ttftSigma(),
                tokens != null ? tokens : answers.tokensMedian(),
                tokenDelay != null ? tokenDelay : answers.tokenDelay(),
                tokensPerChunk(tokensPerChunk != null ? tokensPerChunk : 1, prefix));
        SimulatorSettings.Stall checkedStall = stall(stall, prefix);
        return new SimulatorSettings(DEFAULTS.host(), 0, seed != null ? seed : DEFAULTS.seed(), checkedAnswers,
                checkedFaults, checkedLimits, SimulatorSettings.Access.open(), checkedStall, null,
                features(reasoningTokens != null ? reasoningTokens : 0, noPromptCache,
                        tierDowngrade != null ? tierDowngrade : 0, prefix));
    }

    /** Reasoning tokens, the prompt cache and tier downgrades as settings, checked. */
    private static ServiceFeatures features(int reasoningTokens, boolean noPromptCache, double tierDowngrade, String prefix) {
        FlagCheck.atLeast(prefix + "reasoning-tokens", reasoningTokens, 0);
        FlagCheck.between(prefix + "tier-downgrade", tierDowngrade, 0, 1);
        return new ServiceFeatures(reasoningTokens, !noPromptCache, tierDowngrade);
    }

    /**
     * The Batch API options as settings, shared by {@code simulate} and {@code batch run}.
     *
     * @param prefix the options' prefix in messages
     */
    static SimulatorSettings.Batches batches(Duration duration, Duration window, boolean quirks, String prefix) {
        FlagCheck.longerThanZero(prefix + "batch-window", window, null);
        return new SimulatorSettings.Batches(duration, window, quirks);
    }

    /** The tokens-per-chunk option, checked. */
    private static int tokensPerChunk(int tokens, String prefix) {
        FlagCheck.between(prefix + "tokens-per-chunk", tokens, 1, SimulatorSettings.MAX_TOKENS_PER_CHUNK);
        return tokens;
    }

    /**
     * The stall option {@code AT:FOR} (two durations, e.g. {@code 10s:2s}) as settings; null or blank
     * for none.
     */
    private static SimulatorSettings.Stall stall(String text, String prefix) {
        if (text == null || text.isBlank()) {
            return SimulatorSettings.Stall.none();
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new UsageException(prefix + "stall must be AT:FOR, two durations such as 10s:2s (got '"
                    + text.trim() + "')");
        }
        DurationConverter durations = new DurationConverter();
        try {
            Duration at = durations.convert(parts[0]);
            Duration length = durations.convert(parts[1]);
            if (length.isZero()) {
                throw new UsageException(prefix + "stall must last longer than 0 (got '" + text.trim() + "')");
            }
            return new SimulatorSettings.Stall(at, length);
        } catch (TypeConversionException e) {
            throw new UsageException(prefix + "stall: " + e.getMessage());
        }
    }

    /**
     * The fault options as settings.
     *
     * @param prefix the options' prefix in messages: {@code "--sim-"} on run, {@code "--"} on simulate
     */
    private static SimulatorSettings.Faults faults(double rate, String kinds, String prefix) {
        FlagCheck.between(prefix + "fault-rate", rate, 0, 1);
        Set<FaultKind> parsed;
        try {
            parsed = FaultKind.parseList(kinds);
        } catch (IllegalArgumentException e) {
            throw new UsageException(prefix + "fault-kinds: " + e.getMessage());
        }
        return new SimulatorSettings.Faults(rate, parsed);
    }

    /** The rate-limit options as settings; 0 means no limit. */
    private static SimulatorSettings.Limits limits(int rpm, int tpm, double timeScale, String prefix) {
        FlagCheck.atLeast(prefix + "rpm", rpm, 0);
        FlagCheck.atLeast(prefix + "tpm", tpm, 0);
        FlagCheck.above(prefix + "time-scale", timeScale, 0);
        return new SimulatorSettings.Limits(rpm, tpm, timeScale);
    }

    /** The 429-cause option, checked; null or blank for none.  */
    private static Throttles throttles(String list, String prefix) {
        if (list == null || list.isBlank()) return Throttles.none();
        try {
            return Throttles.parse(list);
        } catch (IllegalArgumentException e) {
            throw new UsageException(prefix + "429-cause: " + e.getMessage());
        }
    }

    /** The token-counting option, checked. */
    private static TokenCounting tokenCounting(String name, String prefix) {
        TokenCounting counting = TokenCounting.named(name.trim());
        if (counting == null) {
            throw new UsageException(prefix + "token-counting must be words or chars4 (got '" + name.trim() + "')");
        }
        return counting;
    }

    /** The rate-limit-headers option, checked. */
    private static RateLimitHeaderStyle rateLimitHeaders(String name, String prefix) {
        RateLimitHeaderStyle style = RateLimitHeaderStyle.named(name.trim());
        if (style == null) {
            throw new UsageException(prefix + "rate-limit-headers must be all, remaining or none (got '"
                    + name.trim() + "')");
        }
        return style;
    }
}
