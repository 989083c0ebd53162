package dev.promptbench.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void lineEndingsSplitAcrossReadsAreRecognised() throws Exception {
        List<String> lines = lines(trickle("a\r\nb\rc\r\n\r\nd\u00e9"));

        assertEquals(List.of("1:a", "2:b", "3:c", "4:", "5:d\u00e9"), lines);
    }

    @Test
    void trailingNewlineDoesNotMakeAnExtraLine() throws Exception {
        assertEquals(List.of("1:x", "2:y"), lines(new ByteArrayInputStream("x\ny\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of("1:x"), lines(new ByteArrayInputStream("x\r".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void linesLongerThanTheReadBufferAreWhole() throws Exception {
        String longLine = "\u3042".repeat(100_000); // 300,000 bytes, several read chunks
        List<String> lines = lines(new ByteArrayInputStream(("s\n" + longLine + "\ne").getBytes(StandardCharsets.UTF_8)));

        assertEquals(3, lines.size());
        assertEquals("2:" + longLine, lines.get(1));
        assertEquals("3:e", lines.get(2));
    }

    @Test
    void blankMeansUnicodeWhitespaceOnly() throws Exception {
        try (LineReader reader = new LineReader(
                new ByteArrayInputStream(" \t\u3000\nx \n".getBytes(StandardCharsets.UTF_8)), null, "f")) {
            assertTrue(reader.advance());
            assertTrue(reader.isBlank());
            assertTrue(reader.advance());
            assertEquals(false, reader.isBlank());
        }
    }

    private static List<String> lines(InputStream in) throws Exception {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(in, null, "f")) {
            while (reader.advance()) {
                lines.add(reader.lineNumber() + ":" + reader.text());
            }
        }
        return lines;
    }

    /** A stream that hands out one byte per read, so every boundary case is hit. */
    private static InputStream trickle(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == bytes.length) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                b[off] = bytes[pos++];
                return 1;
            }
        };
    }
}
