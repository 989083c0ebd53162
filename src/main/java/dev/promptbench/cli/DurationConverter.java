package dev.promptbench.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option such as {@code 800ms}, {@code 1.5s} or {@code 2m}. A bare number is refused
 * because its unit would be a guess.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(-)?(\\d+(?:\\.\\d+)?|\\.\\d+)(ms|s|m|h)");
    private static final Pattern BARE_NUMBER = Pattern.compile("-?(\\d+(?:\\.\\d*)?|\\.\\d+)");
    private static final String UNITS = "ms, s, m or h (for example 800ms, 1.5s, 2m, 24h)";

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (BARE_NUMBER.matcher(text).matches()) {
            throw new TypeConversionException("'" + value + "' has no unit: write it with " + UNITS);
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration: use a number with " + UNITS);
        }
        if (matcher.group(1) != null) {
            throw new TypeConversionException("'" + value + "' is negative: a duration must be 0 or more");
        }
        long nanosPerUnit = switch (matcher.group(3)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        try {
            BigDecimal nanos = new BigDecimal(matcher.group(2)).multiply(BigDecimal.valueOf(nanosPerUnit));
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException tooLong) {
            throw new TypeConversionException("'" + value + "' is too long a duration");
        }
    }
}
