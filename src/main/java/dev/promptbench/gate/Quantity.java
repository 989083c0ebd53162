package dev.promptbench.gate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What kind of number a metric is: it decides which units a threshold may write and how values print.
 * Values are always kept in the JSON document's unit (milliseconds, percent, fraction, plain number).
 */
public enum Quantity {
    /** A duration; the JSON holds milliseconds; a threshold must say ms or s. */
    TIME,
    /** A percentage; the JSON-derived value is already in percent (0..100); % or no unit. */
    PERCENT,
    /** A fraction 0..1 (efficiency); written as a fraction or as a percentage with %. */
    FRACTION,
    /** A plain number (requests/s, tokens/s, speedup, counts): no unit. */
    NUMBER,
    /** Whatever a JSON Pointer finds: no unit or ms compares as is, s multiplies by 1000, % divides by 100. */
    RAW;

    /**
     * The threshold's number converted to the JSON document's unit.
     *
     * @throws IllegalArgumentException (with a one-line reason) when this quantity does not take that unit
     */
    double toJson(String metric, double number, String unit) {
        return switch (this) {
            case TIME -> switch (unit) {
                case "ms" -> number;
                case "s" -> number * 1000.0;
                case "" -> throw new IllegalArgumentException(metric + " is a time: add ms or s (e.g. " + metric + ">2s)");
                default -> throw badUnit(metric, unit, "is a time: use ms or s");
            };
            case PERCENT -> {
                if (!unit.isEmpty() && !unit.equals("%")) throw badUnit(metric, unit, "is a percentage: use % or no unit");
                if (number > 100) throw new IllegalArgumentException(metric + " is a percentage from 0 to 100");
                yield number;
            }
            case FRACTION -> switch (unit) {
                case "%" -> {
                    if (number > 100) throw new IllegalArgumentException(metric + " is at most 100%");
                    yield number / 100.0;
                }
                case "" -> {
                    if (number > 1) {
                        throw new IllegalArgumentException(metric + " is a fraction from 0 to 1 or a percentage: "
                                + "write 0.9 or 90%");
                    }
                    yield number;
                }
                default -> throw badUnit(metric, unit, "is a fraction: write 0.9 or 90%");
            };
            case NUMBER -> {
                if (!unit.isEmpty()) throw badUnit(metric, unit, "is a plain number: no unit");
                yield number;
            }
            case RAW -> switch (unit) {
                case "", "ms" -> number;
                case "s" -> number * 1000.0;
                case "%" -> number / 100.0;
                default -> throw badUnit(metric, unit, "takes no unit, ms, s or %");
            };
        };
    }

    private static IllegalArgumentException badUnit(String metric, String unit, String rule) {
        String why = unit.equals("%")
                ? " (a change against --baseline is written +N% or -N%)" : "";
        return new IllegalArgumentException("unit '" + unit + "' does not fit: " + metric + " " + rule + why);
    }

    /** A value in the JSON document's unit, for people: "2.31 s", "756.223 ms", "1.5%", "99.96%", "3.34". */
    public String format(double value) {
        return switch (this) {
            case TIME -> Math.abs(value) < 1000 ? trim(value, 3) + " ms" : trim(value / 1000.0, 3) + " s";
            case PERCENT -> trim(value, 3) + "%";
            case FRACTION -> trim(value * 100.0, 2) + "%";
            case NUMBER, RAW -> trim(value, 4);
        };
    }

    static String trim(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
