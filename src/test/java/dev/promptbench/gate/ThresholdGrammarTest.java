package dev.promptbench.gate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code --fail-if} accepts, and the one-line reasons for what it does not. */
class ThresholdGrammarTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            p95>2s                          | p95                     | >  | 2000   | false
            p95 > 2 s                       | p95                     | >  | 2000   | false
            P95>2S                          | p95                     | >  | 2000   | false
            p95>.5s                         | p95                     | >  | 500    | false
            error_rate > 1%                 | error_rate              | >  | 1      | false
            error_rate>1                    | error_rate              | >  | 1      | false
            sequential.p95<=800ms           | sequential p95          | <= | 800    | false
            parallel.ttft_p50>=1.5s         | parallel ttft_p50       | >= | 1500   | false
            speedup>=3                      | speedup                 | >= | 3      | false
            speedup<2.5                     | speedup                 | <  | 2.5    | false
            efficiency<90%                  | efficiency              | <  | 0.9    | false
            efficiency<0.9                  | efficiency              | <  | 0.9    | false
            rps<10                          | rps                     | <  | 10     | false
            wall>1.25s                      | wall                    | >  | 1250   | false
            p95>+20%                        | p95                     | >  | 20     | true
            speedup<-10%                    | speedup                 | <  | -10    | true
            /modes/parallel/wall_ms>2s      | /modes/parallel/wall_ms | >  | 2000   | false
            /modes/parallel/wall_ms>800     | /modes/parallel/wall_ms | >  | 800    | false
            /modes/parallel/efficiency<90%  | /modes/parallel/efficiency | < | 0.9  | false
            """)
    void parsesWhatTheGrammarAllows(String text, String label, String op, double value, boolean relative) {
        Threshold threshold = Threshold.parse(text);
        assertEquals(label, threshold.target().label());
        assertEquals(op, threshold.op().symbol());
        assertEquals(value, threshold.value(), 1e-9);
        assertEquals(relative, threshold.relative());
        assertEquals(text.strip(), threshold.text());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                            | empty threshold
            "   "                         | empty threshold
            p95                           | no comparison
            p95 2s                        | no comparison
            >2s                           | no metric
            p95>                          | no number after '>'
            p95=2s                        | unknown comparison '='
            p95==2s                       | unknown comparison '=='
            p95=>2s                       | unknown comparison '=>'
            p95=<2s                       | unknown comparison '=<'
            p95!=2s                       | unknown comparison '!='
            p95>>2s                       | unknown comparison '>>'
            p95<>2s                       | unknown comparison '<>'
            p95>abc                       | bad number 'abc'
            p95>1..2s                     | unknown unit '..2s'
            p95>Infinity                  | bad number
            p95>2x                        | unknown unit 'x'
            p95>2s extra                  | unknown unit 's extra'
            p95>2s>3s                     | unknown unit 's>3s'
            p95>1e3ms                     | unknown unit 'e3ms'
            p95>2                         | p95 is a time: add ms or s
            p95>20%                       | p95 is a time
            p95>-5ms                      | a signed number is a change against --baseline
            error_rate>1ms                | error_rate is a percentage
            error_rate>150%               | error_rate is a percentage from 0 to 100
            speedup>3s                    | speedup is a plain number
            rps>5%                        | rps is a plain number
            efficiency<90                 | efficiency is a fraction from 0 to 1
            efficiency<150%               | efficiency is at most 100%
            p96>1s                        | unknown metric 'p96'
            nonsense>1                    | unknown metric 'nonsense'
            latency>1s                    | unknown metric 'latency'
            foo.p95>1s                    | unknown mode 'foo'
            modes.parallel.wall_ms>1      | e.g. /modes/parallel/wall_ms
            parallel.speedup>2            | speedup compares the two modes
            sequential.efficiency<0.9     | efficiency exists only for the parallel mode
            /modes/par~2llel/wall_ms>1    | bad JSON Pointer
            """)
    void rejectsNonsenseWithOneLine(String text, String reason) {
        GateException e = assertThrows(GateException.class, () -> Threshold.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith("'" + text + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aRelativeThresholdNeedsABaseline() {
        GateException e = assertThrows(GateException.class,
                () -> Thresholds.parse(List.of("p95>2s", "p95>+20%"), false));
        assertTrue(e.getMessage().contains("'p95>+20%'"), e.getMessage());
        assertTrue(e.getMessage().contains("--baseline"), e.getMessage());
        assertEquals(2, Thresholds.parse(List.of("p95>2s", "p95>+20%"), true).all().size());
    }

    @Test
    void theGrammarIsReadyForPicocliHelp() {
        String help = assertDoesNotThrow(() -> String.format(Threshold.GRAMMAR));
        assertTrue(help.contains("error_rate>1%,"), help);
        assertTrue(help.contains("p95>+20%"), help);
        assertFalse(help.contains("%%"), help);
        for (Metric metric : Metric.values()) assertTrue(help.contains(metric.alias()), metric.alias());
    }
}
