package dev.promptbench.cli;

import java.util.Collection;

/**
 * The option a mistyped one most likely meant: one it begins (the shortest), else the nearest by edit
 * distance when that is small for its length. picocli's own guess is the first option that shares the
 * first two letters, which made {@code --sim-fault-rat} suggest {@code --sim-tls}.
 */
final class NearestOption {
    private NearestOption() {}

    /** The option of {@code options} that {@code typed} most likely meant, or null when none is near. */
    static String among(String typed, Collection<String> options) {
        String begun = null;
        for (String option : options) {
            if (option.startsWith(typed) && (begun == null || option.length() < begun.length())) begun = option;
        }
        if (begun != null) return begun;
        String nearest = null;
        int best = Math.max(2, typed.length() / 3) + 1;
        for (String option : options) {
            int distance = distance(typed, option);
            if (distance < best) {
                best = distance;
                nearest = option;
            }
        }
        return nearest;
    }

    /** Levenshtein distance: the fewest letters inserted, deleted or replaced to turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
