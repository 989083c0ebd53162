package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

/** Server-Sent Events framing, independent of what the events mean. */
class SseReaderTest {

    @Test
    void eachBlankLineEndsAnEvent() throws IOException {
        assertEquals(List.of("a", "b"), events("data: a\n\ndata: b\n\n"));
    }

    @Test
    void dataLinesOfOneEventAreJoinedWithNewlines() throws IOException {
        assertEquals(List.of("one\ntwo\n"), events("data: one\ndata: two\ndata:\n\n"));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsSyntax() throws IOException {
        assertEquals(List.of("x", " x", ""), events("data:x\n\ndata:  x\n\ndata\n\n"));
    }

    @Test
    void commentsAndOtherFieldsAreSkipped() throws IOException {
        String body = ": keep-alive\n\nevent: delta\nid: 7\nretry: 3000\ndata: kept\nfoo: bar\n\n:\n\n";

        assertEquals(List.of("kept"), events(body));
    }

    @Test
    void anEventWithoutDataIsNotDispatched() throws IOException {
        assertEquals(List.of("x"), events("event: ping\n\n\n\ndata: x\n\n"));
    }

    @Test
    void crlfLineEndsAndALeadingByteOrderMarkAreAccepted() throws IOException {
        assertEquals(List.of("a", "b"), events("\uFEFFdata: a\r\n\r\ndata: b\r\n\r\n"));
    }

    @Test
    void anEventCutByTheEndIsHeldApart() throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8("data: a\n\ndata: half\ndata: more"));

        assertEquals("a", reader.next());
        assertNull(reader.next());
        assertEquals("half\nmore", reader.unterminated());
    }

    @Test
    void linesSplitAcrossReadsAreReassembled() throws IOException {
        Buffer body = new Buffer().writeUtf8("data: é1\r\n\r\ndata: 2\n\n");
        BufferedSource trickle = Okio.buffer(new ForwardingSource(body) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                return super.read(sink, Math.min(1, byteCount));
            }
        });

        SseReader reader = new SseReader(trickle);

        assertEquals("é1", reader.next());
        assertEquals("2", reader.next());
        assertNull(reader.next());
        assertNull(reader.unterminated());
    }

    private static List<String> events(String body) throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8(body));
        List<String> out = new ArrayList<>();
        for (String data = reader.next(); data != null; data = reader.next()) {
            out.add(data);
        }
        return out;
    }
}
