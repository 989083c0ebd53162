package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({
        "800ms, 800000000",
        "1s, 1000000000",
        "1.5s, 1500000000",
        "2m, 120000000000",
        "24h, 86400000000000",
        "0ms, 0",
        "0.25ms, 250000",
        "' 30S ', 30000000000",
    })
    void readsMillisecondsSecondsMinutesAndHours(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), converter.convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"800", "1.5", "0"})
    void refusesBareNumbersNamingTheUnits(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(text));
        assertTrue(e.getMessage().contains("ms, s, m or h"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5ms", "-1s"})
    void refusesNegativeDurations(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(text));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "1d", "1.s", "ms", "1 s", "99999999999999999999m"})
    void refusesOtherText(String text) {
        assertThrows(TypeConversionException.class, () -> converter.convert(text));
    }
}
