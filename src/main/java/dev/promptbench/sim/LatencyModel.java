package dev.promptbench.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The simulator's service-time model: a log-normal time to first token, a log-normal answer length
 * and a fixed delay per further token, every draw keyed by (seed, messages, attempt).
 *
 * <p>Why keyed draws and not one shared {@code Random}: a shared generator hands out numbers in
 * arrival order, so the sequential and the parallel run of the same prompts would see different
 * service times and their comparison would measure the dice, not the concurrency. Hashing the seed,
 * the request's {@code messages} JSON text and the attempt number into a fresh
 * {@link SplittableRandom} gives each request the same service time in any order, on any thread,
 * and after a restart with the same seed. A retry (next attempt) draws anew, as a real retry would.
 */
public final class LatencyModel {

    /** Spread of the answer length around its median (log-normal sigma). */
    static final double LENGTH_SIGMA = 0.3;
    /** Draws beyond 4 standard deviations are clamped: the model should not produce hour-long answers. */
    private static final double MAX_Z = 4.0;

    private final SimulatorSettings.Answers answers;
    private final long seed;

    public LatencyModel(SimulatorSettings settings) {
        this.answers = Objects.requireNonNull(settings, "settings").answers();
        this.seed = settings.seed();
    }

    /**
     * The plan for one request.
     *
     * @param messagesJson the request's {@code messages} as compact JSON text
     * @param attempt      the client's attempt number, 1 for the first try
     * @param maxTokens    the request's completion limit, or null for none
     */
    public ServicePlan plan(String messagesJson, int attempt, Integer maxTokens) {
        SplittableRandom random = new SplittableRandom(key(seed, messagesJson, attempt));
        // The draw order is fixed (first token, length, text) so each quantity is reproducible.
        double firstTokenZ = gaussian(random);
        double lengthZ = gaussian(random);
        long textStart = random.nextLong();

        Duration firstToken = scaled(answers.ttftMedian(), Math.exp(answers.ttftSigma() * firstTokenZ));
        // Sigma 0 asks for fixed service times, so the answer length is fixed too: otherwise the
        // per-token delay would bring the randomness back.
        double lengthFactor = answers.ttftSigma() == 0 ? 1.0 : Math.exp(LENGTH_SIGMA * lengthZ);
        int natural = (int) Math.max(1, Math.round(answers.tokensMedian() * lengthFactor));
        boolean capped = maxTokens != null && maxTokens < natural;
        int tokens = capped ? Math.max(1, maxTokens) : natural;
        Duration total = firstToken.plus(answers.tokenDelay().multipliedBy(tokens - 1L));
        return new ServicePlan(firstToken, tokens, capped, total, textStart);
    }

    /**
     * The plan for one request of a model that reasons and caches prompts: {@code reasoningTokens} come,
     * at the per-token delay, after the model's own first token and before the first visible one (the
     * completion limit covers both, as it does on the services); a cached share of the prompt shortens
     * the time to the model's first token, 80 % of it for a prompt read wholly from the cache (reading the
     * prompt is most of that time for a long prompt).
     *
     * @param cachedTokens prompt tokens served from the cache, of {@code promptTokens}
     */
    public ServicePlan plan(String messagesJson, int attempt, Integer maxTokens, int reasoningTokens,
                            int cachedTokens, int promptTokens) {
        ServicePlan plain = plan(messagesJson, attempt, null);
        Duration modelFirst = plain.firstToken();
        if (cachedTokens > 0 && promptTokens > 0) {
            double share = Math.min(1.0, (double) cachedTokens / promptTokens);
            modelFirst = scaled(modelFirst, 1.0 - 0.8 * share);
        }
        int reasoning = maxTokens == null ? reasoningTokens : Math.min(reasoningTokens, Math.max(0, maxTokens - 1));
        int natural = plain.completionTokens();
        boolean capped = maxTokens != null && reasoning + natural > maxTokens;
        int visible = capped ? Math.max(1, maxTokens - reasoning) : natural;
        Duration visibleFirst = modelFirst.plus(answers.tokenDelay().multipliedBy(reasoning));
        Duration total = visibleFirst.plus(answers.tokenDelay().multipliedBy(visible - 1L));
        return new ServicePlan(visibleFirst, visible, capped, total, plain.textStart(), reasoning, modelFirst,
                cachedTokens);
    }

    /** The 64-bit key of one draw: FNV-1a over the messages' UTF-8 bytes, mixed with seed and attempt. */
    static long key(long seed, String messagesJson, int attempt) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : messagesJson.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return mix(mix(seed) ^ mix(hash + 0x9e3779b97f4a7c15L) ^ mix(attempt * 0xbf58476d1ce4e5b9L));
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * A standard normal draw by Box-Muller from two uniform draws. Written out rather than using
     * {@code nextGaussian()} so the numbers cannot change with the JDK's algorithm.
     */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // in (0, 1]: log is finite
        double u2 = random.nextDouble();
        double z = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
        return Math.max(-MAX_Z, Math.min(MAX_Z, z));
    }

    private static Duration scaled(Duration median, double factor) {
        return Duration.ofNanos(Math.round(median.toNanos() * factor));
    }
}
