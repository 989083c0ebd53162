package dev.promptbench.run;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterExponentialSampler;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * How requests arrive at an open-loop rate: the gaps between scheduled send times. Seeded, so a
 * schedule can be replayed exactly.
 *
 * @param kind       constant (even gaps), poisson (exponential gaps) or gamma (burstier or smoother)
 * @param rate       requests per second
 * @param burstiness gamma shape parameter: 1 is Poisson, below 1 burstier, above 1 smoother
 * @param seed       seed of the draws
 */
public record Arrival(Kind kind, double rate, double burstiness, long seed) {

    /** The arrival processes {@code --arrival} accepts. */
    public enum Kind {
        CONSTANT, POISSON, GAMMA;

        /** As the user writes it: constant, poisson, gamma. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Arrival {
        if (!(rate > 0)) throw new IllegalArgumentException("rate must be above 0: " + rate);
        if (!(burstiness > 0)) throw new IllegalArgumentException("burstiness must be above 0: " + burstiness);
    }

    /** A fresh sequence of gaps in nanoseconds. */
    public Gaps gaps() {
        UniformRandomProvider random = RandomSource.SPLIT_MIX_64.create(seed);
        double meanNanos = 1e9 / rate;
        return switch (kind) {
            case CONSTANT -> () -> Math.round(meanNanos);
            case POISSON -> {
                var sampler = AhrensDieterExponentialSampler.of(random, meanNanos);
                yield () -> Math.round(sampler.sample());
            }
            case GAMMA -> {
                // Shape k and scale mean/k keep the mean gap at 1/rate whatever the burstiness.
                var sampler = AhrensDieterMarsagliaTsangGammaSampler.of(random, burstiness, meanNanos / burstiness);
                yield () -> Math.round(sampler.sample());
            }
        };
    }

    /** A source of gaps between arrivals. */
    @FunctionalInterface
    public interface Gaps {
        long nextNanos();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.3g/s", kind.name().toLowerCase(Locale.ROOT), rate);
    }
}
