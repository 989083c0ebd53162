package dev.promptbench.sim;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which 429 causes the simulator answers on purpose, and for what share of requests each, on top of
 * any 429s its rate limits give.
 *
 * @param shares the share of requests (0 to 1) answered with each kind; their sum is at most 1
 */
public record Throttles(Map<ThrottleKind, Double> shares) {
    /** The share taken when a cause is named without one. */
    public static final double DEFAULT_SHARE = 0.1;

    public Throttles {
        EnumMap<ThrottleKind, Double> copy = new EnumMap<>(ThrottleKind.class);
        double sum = 0;
        for (Map.Entry<ThrottleKind, Double> entry : shares.entrySet()) {
            double share = entry.getValue();
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("the share of " + entry.getKey().wireName()
                        + " must be above 0 and at most 1, got " + share);
            }
            copy.put(entry.getKey(), share);
            sum += share;
        }
        if (sum > 1 + 1e-9) throw new IllegalArgumentException("the shares add up to more than 1: " + sum);
        shares = Collections.unmodifiableMap(copy);
    }

    /** None. */
    public static Throttles none() {
        return new Throttles(Map.of());
    }

    /**
     * Parses {@code capacity:0.2,quota} (a cause with an optional share, {@value #DEFAULT_SHARE} when
     * absent).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Throttles parse(String list) {
        EnumMap<ThrottleKind, Double> shares = new EnumMap<>(ThrottleKind.class);
        for (String item : list.split(",")) {
            if (item.isBlank()) continue;
            String[] parts = item.split(":", -1);
            if (parts.length > 2) throw new IllegalArgumentException("expected CAUSE or CAUSE:SHARE, got '" + item.trim() + "'");
            double share = DEFAULT_SHARE;
            if (parts.length == 2) {
                try {
                    share = Double.parseDouble(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the share in '" + item.trim() + "' is not a number");
                }
            }
            shares.put(ThrottleKind.parse(parts[0]), share);
        }
        if (shares.isEmpty()) throw new IllegalArgumentException("no cause given");
        return new Throttles(shares);
    }

    /** True when some requests are answered so. */
    public boolean active() {
        return !shares.isEmpty();
    }

    /** One line for people, e.g. {@code 429s capacity 20%, quota 10%}; empty when none. */
    public String describe() {
        if (!active()) return "";
        return "429s " + shares.entrySet().stream()
                .map(e -> e.getKey().wireName() + " " + BigDecimal.valueOf(e.getValue() * 100).stripTrailingZeros()
                        .toPlainString() + "%")
                .collect(Collectors.joining(", "));
    }
}
