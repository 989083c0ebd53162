package dev.promptbench.sim;

import java.util.SplittableRandom;

/** The simulator's object ids: random-looking hex derived from the seed and a counter, so runs repeat. */
final class Ids {

    private Ids() {}

    /** {@code length} lower-case hex digits drawn from (seed, number). */
    static String hex(long seed, long number, int length) {
        SplittableRandom random = new SplittableRandom(seed * 0x9e3779b97f4a7c15L + number);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(Character.forDigit(random.nextInt(16), 16));
        }
        return text.toString();
    }
}
