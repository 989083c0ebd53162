package dev.promptbench.gate;

import java.util.Arrays;
import java.util.Optional;

/** A threshold's comparison, read as the condition under which the gate fails. */
public enum Op {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    /** As written in a threshold: {@code > >= < <=}. */
    public String symbol() {
        return symbol;
    }

    /** True when {@code actual} against {@code limit} meets this failing condition. */
    public boolean fails(double actual, double limit) {
        return switch (this) {
            case GT -> actual > limit;
            case GE -> actual >= limit;
            case LT -> actual < limit;
            case LE -> actual <= limit;
        };
    }

    static Optional<Op> of(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
    }
}
