package dev.promptbench.prompt;

/**
 * A request field's value as the prompt file or the command line gave it: scalars typed, arrays and objects
 * kept as their JSON text (checked well-formed on load) and sent exactly as written.
 */
public sealed interface JsonValue
        permits JsonValue.Text, JsonValue.Number, JsonValue.Bool, JsonValue.Null, JsonValue.Raw {

    /** A JSON string. */
    record Text(String value) implements JsonValue {}

    /**
     * A JSON number, kept as its literal so {@code 0.2} goes out as {@code 0.2}.
     *
     * @param literal the number as JSON writes it
     */
    record Number(String literal) implements JsonValue {

        public static Number of(double value) {
            return new Number(Double.toString(value));
        }

        public static Number of(long value) { return new Number(Long.toString(value)); }

        public double doubleValue() { return Double.parseDouble(literal); }

        /** True for a whole number that fits a long: no fraction, no exponent. */
        public boolean isInteger() {
            return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0
                    && literal.length() < 19;
        }

        /** The value of a whole number (see {@link #isInteger()}). */
        public long longValue() { return Long.parseLong(literal); }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements JsonValue {}

    /** {@code null}. */
    record Null() implements JsonValue {
        public static final Null INSTANCE = new Null();
    }

    /**
     * An array or object as written.
     *
     * @param json its JSON text, well-formed
     */
    record Raw(String json) implements JsonValue {}
}
