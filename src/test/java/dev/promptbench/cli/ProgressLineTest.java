package dev.promptbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.run.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live progress line stays within the terminal's width and keeps what matters most. */
class ProgressLineTest {

    private static String render(int columns, int done, int total) {
        AtomicLong now = new AtomicLong();
        ProgressLine line = new ProgressLine(new PrintWriter(new StringWriter()), columns, now::get);
        line.start(new Plan.Parallel(4096), 11, total);
        for (int i = 0; i < done; i++) line.count(RequestStatus.OK, 0);
        now.set(12_345_000_000_000L);
        String text = line.render();
        line.close();
        return text;
    }

    @Test
    void aWideTerminalGetsEveryField() {
        String text = render(200, 123_456, 1_000_000);
        assertEquals("parallel #12 123456/1000000 · ok 123456 · errors 0 · 429s 0 · 10.0 req/s · in flight 4096 · "
                + "ETA 24h20m", text);
    }

    @Test
    void theLineFitsEveryWidthAndKeepsTheCount() {
        for (int columns = 20; columns <= 200; columns++) {
            String text = render(columns, 123_456, 1_000_000);
            assertTrue(text.length() < columns, columns + " columns: '" + text + "' (" + text.length() + ")");
            if (columns >= 30) assertTrue(text.startsWith("parallel #12 123456/1000000"), columns + ": " + text);
        }
    }

    @Test
    void theWidthComesFromColumnsOr80() {
        assertEquals(80, Terminal.columns(Map.of()));
        assertEquals(80, Terminal.columns(Map.of("COLUMNS", "wide")));
        assertEquals(80, Terminal.columns(Map.of("COLUMNS", "0")));
        assertEquals(132, Terminal.columns(Map.of("COLUMNS", "132")));
    }
}
