package dev.promptbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines come out whole and numbered, whatever the chunks they cross; blank ones are skipped. */
class JsonLinesTest {

    private static List<String> lines(String text) throws Exception {
        List<String> lines = new ArrayList<>();
        try (JsonLines reader = new JsonLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (JsonLines.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line.number() + ":" + new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8));
            }
            assertNull(reader.next(), "the end stays the end");
        }
        return lines;
    }

    @Test
    void linesAcrossChunksBlankLinesAndALastLineWithoutNewline() throws Exception {
        String longLine = "{\"a\":\"" + "x".repeat(200_000) + "\"}";
        assertEquals(List.of("1:{}", "3:" + longLine, "5:{\"b\":\"é\"}\r", "6:last"),
                lines("{}\n \r\n" + longLine + "\n\n{\"b\":\"é\"}\r\nlast"));
        assertEquals(List.of(), lines(""));
        assertEquals(List.of(), lines("\n\n  \n"));
        assertEquals(List.of("1:a", "2:b"), lines("a\nb\n"));
    }
}
