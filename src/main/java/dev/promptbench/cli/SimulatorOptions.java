package dev.promptbench.cli;

import dev.promptbench.sim.FaultKind;
import dev.promptbench.sim.RateLimitHeaderStyle;
import dev.promptbench.sim.ServiceFeatures;
import dev.promptbench.sim.SimulatorSettings;
import dev.promptbench.sim.Throttles;
import dev.promptbench.sim.TokenCounting;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The built-in simulator's knobs on {@code run} (used only when no endpoint is configured). */
final class SimulatorOptions {
    private static final SimulatorSettings DEFAULTS = SimulatorSettings.defaults();
    /** Every fault kind, as the options' default. */
    static final String ALL_FAULT_KINDS = "500,503,reset,malformed,slow-headers";

    @Option(names = "--sim-ttft-median", paramLabel = "DURATION", converter = DurationConverter.class, order = 80,
            description = "Simulator: median time to first token (default 400ms).")
    Duration ttftMedian;

    @Option(names = "--sim-ttft-sigma", paramLabel = "S", order = 81,
            description = "Simulator: log-normal spread of that time; 0 gives a fixed latency (default 0.35).")
    Double ttftSigma;

    @Option(names = "--sim-tokens", paramLabel = "N", order = 82,
            description = "Simulator: median answer length in tokens (default 80).")
    Integer tokens;

    @Option(names = "--sim-token-delay", paramLabel = "DURATION", converter = DurationConverter.class, order = 83,
            description = "Simulator: time per further token (default 8ms).")
    Duration tokenDelay;

    @Option(names = "--sim-tokens-per-chunk", paramLabel = "N", order = 90,
            description = "Simulator: answer tokens per streamed event, 1..8, as Azure's content filter "
                    + "batches them; the delay stays per token (default 1).")
    Integer tokensPerChunk;

    @Option(names = "--sim-stall", paramLabel = "AT:FOR", order = 91,
            description = "Simulator: answer nothing for FOR, starting AT after it started (e.g. 10s:2s); "
                    + "what falls due meanwhile is sent when the stall ends (default: no stall).")
    String stall;

    @Option(names = "--sim-seed", paramLabel = "N", order = 84,
            description = "Simulator: seed of its latency, length and fault draws (default 42).")
    Long seed;

    @Option(names = "--sim-fault-rate", paramLabel = "R", order = 85,
            description = "Simulator: share of requests that fail on purpose, 0..1 (default 0); a retry draws anew.")
    Double faultRate;

    @Option(names = "--sim-fault-kinds", paramLabel = "LIST", order = 86,
            description = "Simulator: the failures to pick from: 500, 503, reset, malformed, slow-headers "
                    + "(default: all).")
    String faultKinds;

    @Option(names = "--sim-rpm", paramLabel = "N", order = 87,
            description = "Simulator: requests per minute, checked per second as Azure does; 429 above it "
                    + "(default: none, or TPM × 6 / 1000 with --sim-tpm).")
    Integer rpm;

    @Option(names = "--sim-tpm", paramLabel = "N", order = 88,
            description = "Simulator: tokens per minute, charged at admission as prompt + max tokens (4096 when "
                    + "unset), 10 s burst; 429 above it (default: none).")
    Integer tpm;

    @Option(names = "--sim-time-scale", paramLabel = "K", order = 89,
            description = "Simulator: run the rate limits' clock K times faster; 60 makes a minute last a second "
                    + "(default 1).")
    Double timeScale;

    @Option(names = "--sim-token-counting", paramLabel = "RULE", order = 92,
            description = "Simulator: how the token limit counts prompt tokens: words (as usage reports them) or "
                    + "chars4 (a token per four characters, a service that counts differently) (default words).")
    String tokenCounting;

    @Option(names = "--sim-rate-limit-headers", paramLabel = "WHICH", order = 93,
            description = "Simulator: x-ratelimit-* headers sent: all, remaining (only the remaining pair, as many "
                    + "Azure deployments) or none (as many compatible servers) (default all).")
    String rateLimitHeaders;

    @Option(names = "--sim-429-cause", paramLabel = "CAUSE[:SHARE],...", order = 94,
            description = "Simulator: answer a share of requests (default 0.1 each) with the 429 of a cause as the "
                    + "services send it: requests, tokens, quota, capacity, flex; or spillover (a 200 with "
                    + "x-ms-spillover-* headers) (default: none).")
    String throttleCauses;

    @Option(names = "--sim-reasoning-tokens", paramLabel = "N", order = 97,
            description = "Simulator: hidden reasoning tokens per answer, spent at the token delay before the first "
                    + "visible token and reported as reasoning_tokens (default 0).")
    Integer reasoningTokens;

    @Option(names = "--sim-no-prompt-cache", order = 98,
            description = "Simulator: no prompt cache (by default a repeated prefix of 1,024 tokens or more is "
                    + "reported as cached_tokens and answered sooner).")
    boolean noPromptCache;

    @Option(names = "--sim-tier-downgrade", paramLabel = "R", order = 99,
            description = "Simulator: share (0..1) of service_tier: priority requests served at default (default 0).")
    Double tierDowngrade;

    SimulatorSettings settings() {
        if (ttftSigma != null && ttftSigma < 0) throw new UsageException("--sim-ttft-sigma must be 0 or more");
        if (tokens != null && tokens < 1) throw new UsageException("--sim-tokens must be at least 1");
        return new SimulatorSettings(DEFAULTS.host(), 0,
                ttftMedian != null ? ttftMedian : DEFAULTS.ttftMedian(),
                ttftSigma != null ? ttftSigma : DEFAULTS.ttftSigma(),
                tokens != null ? tokens : DEFAULTS.tokensMedian(),
                tokenDelay != null ? tokenDelay : DEFAULTS.tokenDelay(),
                seed != null ? seed : DEFAULTS.seed(),
                faults(faultRate != null ? faultRate : 0, faultKinds != null ? faultKinds : ALL_FAULT_KINDS, "--sim-"),
                limits(rpm != null ? rpm : 0, tpm != null ? tpm : 0, timeScale != null ? timeScale : 1, "--sim-")
                        .withCounting(tokenCounting(tokenCounting != null ? tokenCounting : "words", "--sim-"))
                        .withHeaders(rateLimitHeaders(rateLimitHeaders != null ? rateLimitHeaders : "all", "--sim-"))
                        .withThrottles(throttles(throttleCauses, "--sim-")),
                SimulatorSettings.Access.open(),
                tokensPerChunk(tokensPerChunk != null ? tokensPerChunk : 1, "--sim-"),
                stall(stall, "--sim-"))
                .withFeatures(features(reasoningTokens != null ? reasoningTokens : 0, noPromptCache,
                        tierDowngrade != null ? tierDowngrade : 0, "--sim-"));
    }

    /** Reasoning tokens, the prompt cache and tier downgrades as settings, checked; shared with {@code simulate}. */
    static ServiceFeatures features(int reasoningTokens, boolean noPromptCache, double tierDowngrade, String prefix) {
        if (reasoningTokens < 0) {
            throw new UsageException(prefix + "reasoning-tokens must be 0 or more, got " + reasoningTokens);
        }
        if (!(tierDowngrade >= 0 && tierDowngrade <= 1)) {
            throw new UsageException(prefix + "tier-downgrade must be between 0 and 1, got " + tierDowngrade);
        }
        return new ServiceFeatures(reasoningTokens, !noPromptCache, tierDowngrade);
    }

    /**
     * The Batch API options as settings, shared with {@code simulate}.
     *
     * @param prefix the options' prefix in messages
     */
    static SimulatorSettings.Batches batches(Duration duration, Duration window, boolean quirks, String prefix) {
        if (window.isZero()) {
            throw new UsageException(prefix + "batch-window must be longer than 0");
        }
        return new SimulatorSettings.Batches(duration, window, quirks);
    }

    /** The tokens-per-chunk option, checked; shared with {@code simulate}. */
    static int tokensPerChunk(int tokens, String prefix) {
        if (tokens < 1 || tokens > SimulatorSettings.MAX_TOKENS_PER_CHUNK) {
            throw new UsageException(prefix + "tokens-per-chunk must be 1.." + SimulatorSettings.MAX_TOKENS_PER_CHUNK
                    + ", got " + tokens);
        }
        return tokens;
    }

    /**
     * The stall option {@code AT:FOR} (two durations, e.g. {@code 10s:2s}) as settings; null or blank
     * for none. Shared with {@code simulate}.
     */
    static SimulatorSettings.Stall stall(String text, String prefix) {
        if (text == null || text.isBlank()) {
            return SimulatorSettings.Stall.none();
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new UsageException(prefix + "stall must be AT:FOR, two durations such as 10s:2s, got '"
                    + text.trim() + "'");
        }
        DurationConverter durations = new DurationConverter();
        try {
            Duration at = durations.convert(parts[0]);
            Duration length = durations.convert(parts[1]);
            if (length.isZero()) {
                throw new UsageException(prefix + "stall must last longer than 0, got '" + text.trim() + "'");
            }
            return new SimulatorSettings.Stall(at, length);
        } catch (TypeConversionException e) {
            throw new UsageException(prefix + "stall: " + e.getMessage());
        }
    }

    /**
     * The fault options as settings, shared with {@code simulate}.
     *
     * @param prefix the options' prefix in messages: {@code "--sim-"} on run, {@code "--"} on simulate
     */
    static SimulatorSettings.Faults faults(double rate, String kinds, String prefix) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new UsageException(prefix + "fault-rate must be between 0 and 1, got " + rate);
        }
        Set<FaultKind> parsed;
        try {
            parsed = FaultKind.parseList(kinds);
        } catch (IllegalArgumentException e) {
            throw new UsageException(prefix + "fault-kinds: " + e.getMessage());
        }
        return new SimulatorSettings.Faults(rate, parsed);
    }

    /** The rate-limit options as settings, shared with {@code simulate}; 0 means no limit. */
    static SimulatorSettings.Limits limits(int rpm, int tpm, double timeScale, String prefix) {
        if (rpm < 0) throw new UsageException(prefix + "rpm must be 0 (no limit) or more, got " + rpm);
        if (tpm < 0) throw new UsageException(prefix + "tpm must be 0 (no limit) or more, got " + tpm);
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new UsageException(prefix + "time-scale must be a number above 0, got " + timeScale);
        }
        return new SimulatorSettings.Limits(rpm, tpm, timeScale);
    }

    /** The 429-cause option, checked; null or blank for none. Shared with {@code simulate}. */
    static Throttles throttles(String list, String prefix) {
        if (list == null || list.isBlank()) return Throttles.none();
        try {
            return Throttles.parse(list);
        } catch (IllegalArgumentException e) {
            throw new UsageException(prefix + "429-cause: " + e.getMessage());
        }
    }

    /** The token-counting option, checked; shared with {@code simulate}. */
    static TokenCounting tokenCounting(String name, String prefix) {
        TokenCounting counting = TokenCounting.named(name.trim());
        if (counting == null) {
            throw new UsageException(prefix + "token-counting must be words or chars4, got '" + name.trim() + "'");
        }
        return counting;
    }

    /** The rate-limit-headers option, checked; shared with {@code simulate}. */
    static RateLimitHeaderStyle rateLimitHeaders(String name, String prefix) {
        RateLimitHeaderStyle style = RateLimitHeaderStyle.named(name.trim());
        if (style == null) {
            throw new UsageException(prefix + "rate-limit-headers must be all, remaining or none, got '"
                    + name.trim() + "'");
        }
        return style;
    }
}
