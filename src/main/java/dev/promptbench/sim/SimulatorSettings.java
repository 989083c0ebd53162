package dev.promptbench.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the simulator behaves: where it listens, its latency and answer-length model, and the trouble
 * it makes on purpose (faults, rate limits, a required key, a fixed set of deployments).
 *
 * @param host     address to bind (127.0.0.1 unless asked otherwise)
 * @param port     port to bind, 0 for any free port
 * @param seed     seed of every random draw, so two runs see the same service times, lengths and faults
 * @param answers  how long answers take and how long they are
 * @param faults   which requests fail on purpose, and how; {@link Faults#none()} for none
 * @param limits   requests- and tokens-per-minute limits; {@link Limits#none()} for none
 * @param access   the key and deployments accepted; {@link Access#open()} accepts any
 * @param stall    a time when the simulator answers nothing; {@link Stall#none()} for none
 * @param batches  how the Batch API behaves: how long a batch takes, its window, Azure's quirks
 * @param features reasoning tokens, the prompt cache and service-tier downgrades
 */
public record SimulatorSettings(String host, int port, long seed, Answers answers, Faults faults, Limits limits,
                                Access access, Stall stall, Batches batches, ServiceFeatures features) {

    /** The most tokens one streamed event may carry; Azure's content filter batches about this many. */
    public static final int MAX_TOKENS_PER_CHUNK = 8;

    public SimulatorSettings {
        // Null means "not asked for", so callers that only tune latency need not name the rest.
        faults = faults != null ? faults : Faults.none();
        limits = limits != null ? limits : Limits.none();
        access = access != null ? access : Access.open();
        stall = stall != null ? stall : Stall.none();
        batches = batches != null ? batches : Batches.defaults();
        features = features != null ? features : ServiceFeatures.defaults();
    }

    /** A well-behaved simulator: no faults, no limits, any key and deployment, no stall. */
    public SimulatorSettings(String host, int port, long seed, Answers answers) {
        this(host, port, seed, answers, null, null, null, null, null, null);
    }

    /** The defaults: answers of about 1 s, like a small model on a quiet day. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 0, 42L, new Answers(Duration.ofMillis(400), 0.35, 80,
                Duration.ofMillis(8), 1));
    }

    /** Zero latency, fixed short answers: for warming the client's code path and for tests. */
    public static SimulatorSettings instant() {
        return new SimulatorSettings("127.0.0.1", 0, 1L, new Answers(Duration.ZERO, 0.0, 8, Duration.ZERO, 1));
    }

    /** These settings with other answers. */
    public SimulatorSettings withAnswers(Answers other) {
        return new SimulatorSettings(host, port, seed, other, faults, limits, access, stall, batches, features);
    }

    /** These settings with {@code tokens} answer tokens in each streamed content event. */
    public SimulatorSettings withTokensPerChunk(int tokens) {
        return withAnswers(new Answers(answers.ttftMedian(), answers.ttftSigma(), answers.tokensMedian(),
                answers.tokenDelay(), tokens));
    }

    /** These settings with other faults. */
    public SimulatorSettings withFaults(Faults other) {
        return new SimulatorSettings(host, port, seed, answers, other, limits, access, stall, batches, features);
    }

    /** These settings with other limits. */
    public SimulatorSettings withLimits(Limits other) {
        return new SimulatorSettings(host, port, seed, answers, faults, other, access, stall, batches, features);
    }

    /** These settings with another access rule. */
    public SimulatorSettings withAccess(Access other) {
        return new SimulatorSettings(host, port, seed, answers, faults, limits, other, stall, batches, features);
    }

    /** These settings with another stall. */
    public SimulatorSettings withStall(Stall other) {
        return new SimulatorSettings(host, port, seed, answers, faults, limits, access, other, batches, features);
    }

    /** These settings with another Batch API behaviour. */
    public SimulatorSettings withBatches(Batches other) {
        return new SimulatorSettings(host, port, seed, answers, faults, limits, access, stall, other, features);
    }

    /** These settings with other service features (reasoning, prompt cache, tier downgrades). */
    public SimulatorSettings withFeatures(ServiceFeatures other) {
        return new SimulatorSettings(host, port, seed, answers, faults, limits, access, stall, batches, other);
    }

    /**
     * How long answers take and how long they are.
     *
     * @param ttftMedian     median time to the first token (log-normal)
     * @param ttftSigma      log-normal sigma of the time to first token; 0 gives a fixed time
     * @param tokensMedian   median completion length in tokens (before any max-tokens cap)
     * @param tokenDelay     time per completion token after the first
     * @param tokensPerChunk how many answer tokens one streamed content event carries, 1 to
     *                       {@link #MAX_TOKENS_PER_CHUNK}; 0 means 1
     */
    public record Answers(Duration ttftMedian, double ttftSigma, int tokensMedian, Duration tokenDelay,
                          int tokensPerChunk) {

        public Answers {
            tokensPerChunk = tokensPerChunk == 0 ? 1 : tokensPerChunk;
        }
    }

    /** A number without trailing zeros or exponent: 30, 0.5, 60. */
    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    /**
     * Which requests fail on purpose. Each request's fate is a draw keyed by (seed, messages, attempt),
     * like its latency: the same prompts fail in every run and in any order, and a retry (the next
     * attempt) draws anew, so it usually succeeds.
     *
     * @param rate  the share of requests that fail, 0 to 1
     * @param kinds the failures to choose from, evenly; never empty
     */
    public record Faults(double rate, Set<FaultKind> kinds) {

        public Faults {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("fault rate must be between 0 and 1, got " + rate);
            }
            if (kinds == null || kinds.isEmpty()) {
                throw new IllegalArgumentException("at least one fault kind must be given");
            }
            kinds = Set.copyOf(kinds);
        }

        /** No faults. */
        public static Faults none() {
            return new Faults(0, FaultKind.all());
        }

        /** True when some requests fail. */
        public boolean active() {
            return rate > 0;
        }

        /** One line for people, e.g. {@code faults 10% (500, 503, reset)}; empty when none. */
        public String describe() {
            if (!active()) {
                return "";
            }
            return "faults " + percent(rate) + " (" + kinds.stream()
                    .sorted(Comparator.naturalOrder())
                    .map(FaultKind::wireName)
                    .collect(Collectors.joining(", ")) + ")";
        }

        private static String percent(double share) {
            return plain(BigDecimal.valueOf(share * 100).setScale(2, RoundingMode.HALF_UP)) + "%";
        }
    }

    /**
     * Rate limits as Azure applies them to a deployment. Tokens are charged when a request is admitted:
     * its estimated prompt tokens plus its max tokens (4,096 when absent, standing in for the
     * model's context that Azure reserves). Requests are limited over one-second windows (at most rpm/60 at once, at least 1),
     * tokens with a ten-second burst; both refill continuously. Each deployment has its own limits.
     *
     * @param rpm       requests per minute, 0 for none; with only {@code tpm} given it is derived
     *                  from it as Azure does (TPM × 6 / 1000)
     * @param tpm       tokens per minute, 0 for none
     * @param timeScale how much faster than real time the limits' clock runs: 60 makes a "minute"
     *                  last one second, so tests and benchmarks finish quickly; 1 is real time
     * @param counting  how a request's prompt tokens are counted for the charge; null means
     *                  {@link TokenCounting#WORDS} (as {@code usage} counts them)
     * @param headers   which {@code x-ratelimit-*} headers answers carry; null means all
     * @param throttles 429s of each cause answered on purpose, besides the limits' own; null means none
     */
    public record Limits(int rpm, int tpm, double timeScale, TokenCounting counting, RateLimitHeaderStyle headers,
                         Throttles throttles) {

        public Limits {
            counting = counting != null ? counting : TokenCounting.WORDS;
            headers = headers != null ? headers : RateLimitHeaderStyle.ALL;
            throttles = throttles != null ? throttles : Throttles.none();
            if (rpm < 0) {
                throw new IllegalArgumentException("rpm must be 0 (none) or more, got " + rpm);
            }
            if (tpm < 0) {
                throw new IllegalArgumentException("tpm must be 0 (none) or more, got " + tpm);
            }
            if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
                throw new IllegalArgumentException("time scale must be a number above 0, got " + timeScale);
            }
        }

        /** Limits without 429s on purpose. */
        public Limits(int rpm, int tpm, double timeScale, TokenCounting counting, RateLimitHeaderStyle headers) {
            this(rpm, tpm, timeScale, counting, headers, Throttles.none());
        }

        /** Limits that count prompt tokens as {@code usage} does and send every rate-limit header. */
        public Limits(int rpm, int tpm, double timeScale) {
            this(rpm, tpm, timeScale, TokenCounting.WORDS, RateLimitHeaderStyle.ALL, Throttles.none());
        }

        /** No limits. */
        public static Limits none() {
            return new Limits(0, 0, 1);
        }

        /** These limits, charging prompt tokens counted by {@code other}. */
        public Limits withCounting(TokenCounting other) {
            return new Limits(rpm, tpm, timeScale, other, headers, throttles);
        }

        /** These limits, answering with the {@code other} rate-limit headers. */
        public Limits withHeaders(RateLimitHeaderStyle other) {
            return new Limits(rpm, tpm, timeScale, counting, other, throttles);
        }

        /** These limits, answering 429s of the {@code other} causes on purpose. */
        public Limits withThrottles(Throttles other) {
            return new Limits(rpm, tpm, timeScale, counting, headers, other);
        }

        /** True when requests or tokens are limited. */
        public boolean active() {
            return rpm > 0 || tpm > 0;
        }

        /** The requests-per-minute limit in force: the given one, else derived from TPM, else 0. */
        public int requestsPerMinute() {
            if (rpm > 0) {
                return rpm;
            }
            return tpm > 0 ? (int) Math.max(1, (long) tpm * 6 / 1000) : 0;
        }

        /** One line for people, e.g. {@code limits per deployment 360 RPM, 60000 TPM}; empty when none. */
        public String describe() {
            if (!active()) {
                return throttles.describe();
            }
            StringBuilder text = new StringBuilder("limits per deployment ")
                    .append(requestsPerMinute()).append(" RPM");
            if (rpm == 0) {
                text.append(" (from TPM)");
            }
            if (tpm > 0) {
                text.append(", ").append(tpm).append(" TPM");
            }
            if (timeScale != 1) {
                text.append(", time ×").append(plain(BigDecimal.valueOf(timeScale)));
            }
            if (counting != TokenCounting.WORDS) {
                text.append(", prompt tokens counted as ").append(counting.wireName());
            }
            if (headers != RateLimitHeaderStyle.ALL) {
                text.append(", rate-limit headers: ").append(headers.wireName());
            }
            if (throttles.active()) {
                text.append(", ").append(throttles.describe());
            }
            return text.toString();
        }
    }

    /**
     * Who may call: a required key and the deployments (or models) that exist.
     *
     * @param key         the only key accepted ({@code api-key} header or bearer token), or null to
     *                    accept any non-empty one
     * @param deployments the deployment names (Azure path) or models (v1 and OpenAI routes) served;
     *                    empty serves any name
     */
    public record Access(String key, Set<String> deployments) {

        public Access {
            if (key != null && key.isBlank()) {
                throw new IllegalArgumentException("the required key must not be empty");
            }
            deployments = deployments == null ? Set.of()
                    : Collections.unmodifiableSet(new LinkedHashSet<>(deployments));
            for (String name : deployments) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("deployment names must not be empty");
                }
            }
        }

        /** Any non-empty key, any deployment. */
        public static Access open() {
            return new Access(null, Set.of());
        }

        /** True when a key is required. */
        public boolean keyRequired() {
            return key != null;
        }

        /** True when {@code name} is a served deployment or model. */
        public boolean serves(String name) {
            return deployments.isEmpty() || deployments.contains(name);
        }

        /** One line for people, never the key itself; empty when open. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            if (keyRequired()) {
                text.append("key required");
            }
            if (!deployments.isEmpty()) {
                text.append(text.length() > 0 ? ", " : "").append("deployments ")
                        .append(String.join(", ", deployments));
            }
            return text.toString();
        }

        /** Redacted: a key must never reach a log or an error message. */
        @Override
        public String toString() {
            return "Access[key=" + (keyRequired() ? "***" : "any") + ", deployments=" + deployments + "]";
        }
    }

    /**
     * A stretch of time when the simulator answers nothing, as a service does when it hangs: from
     * {@code at} after the simulator started, for {@code length}, no response and no stream event is
     * sent. What falls due in that time is held and goes out when it ends; requests are still accepted.
     *
     * @param at     when the stall begins, counted from the simulator's start
     * @param length how long it lasts; zero for no stall
     */
    public record Stall(Duration at, Duration length) {

        public Stall {
            if (at == null || at.isNegative()) {
                throw new IllegalArgumentException("the stall's start must be a duration >= 0");
            }
            if (length == null || length.isNegative()) {
                throw new IllegalArgumentException("the stall's length must be a duration >= 0");
            }
        }

        /** No stall. */
        public static Stall none() {
            return new Stall(Duration.ZERO, Duration.ZERO);
        }

        /** True when the simulator stalls at some point. */
        public boolean active() {
            return !length.isZero();
        }

        /** One line for people, e.g. {@code stall at 10s for 2s}; empty when none. */
        public String describe() {
            return active() ? "stall at " + seconds(at) + " for " + seconds(length) : "";
        }

        static String seconds(Duration duration) {
            return plain(BigDecimal.valueOf(duration.toNanos()).movePointLeft(9)) + "s";
        }
    }

    /**
     * How the simulated Batch API behaves. A batch spends a tenth of {@code duration} validating, eight
     * tenths answering its lines (spread evenly, each through the same simulated model as an online
     * request), and a tenth finalizing. A batch still running when {@code window} has passed since it
     * was created expires with the lines answered by then.
     *
     * @param duration how long a batch takes from creation to completion
     * @param window   the real time that stands for the batch's 24-hour completion window
     * @param quirks   true to reproduce Azure's reported quirks: capitalised statuses, an empty-string or
     *                 zero-byte error file when nothing failed, no output file when every line failed,
     *                 and expired lines left out of the error file
     */
    public record Batches(Duration duration, Duration window, boolean quirks) {

        /** What a batch takes by default: a few seconds, so a demo finishes while one watches. */
        public static final Duration DEFAULT_DURATION = Duration.ofSeconds(3);

        public Batches {
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("the batch duration must be a duration >= 0");
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the batch window must be a duration > 0");
            }
        }

        /** A few seconds a batch, a 24-hour window, no quirks. */
        public static Batches defaults() {
            return new Batches(DEFAULT_DURATION, Duration.ofHours(24), false);
        }

        /** One line for people, e.g. {@code batches 3s (Azure quirks)}; empty for the defaults. */
        public String describe() {
            if (equals(defaults())) {
                return "";
            }
            String text = "batches " + Stall.seconds(duration);
            if (!window.equals(Duration.ofHours(24))) {
                text += ", window " + Stall.seconds(window);
            }
            return quirks ? text + " (Azure quirks)" : text;
        }
    }
}
