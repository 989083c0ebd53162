package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptbench.clock.Ticker;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Transport exceptions that a loopback server cannot produce on demand. */
class FailureClassifierTest {

    private final FailureClassifier classifier =
            new FailureClassifier(new JsonMapper().reader(), ClientFixtures.CLOCK, Duration.ofSeconds(2), ClientSettings.DEFAULT_CONNECT_TIMEOUT, Ticker.system());

    @Test
    void anInterruptedExceptionFromOkHttpIsInterruptedAndRestoresTheFlag() {
        try {
            Outcome.Failure failure =
                    classifier.transport(new InterruptedException(), new CallTrace(Ticker.system()), false, false, null);

            assertEquals(ErrorKind.INTERRUPTED, failure.kind());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theCallTimeoutIsATimeoutEvenBeforeSending() {
        Outcome.Failure failure = classifier.transport(new InterruptedIOException("timeout"), new CallTrace(Ticker.system()),
                true, false, null);

        assertEquals(ErrorKind.TIMEOUT, failure.kind());
        assertEquals("no complete answer within the request timeout (2 s), request not sent", failure.message());
    }

    @Test
    void aResetBeforeTheBodyWasWrittenIsAConnectFailure() {
        CallTrace trace = new CallTrace(Ticker.system());
        trace.markSent();

        Outcome.Failure failure = classifier.transport(new SocketException("Connection reset"), trace, false, false,
                null);

        assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
        assertEquals("connect failed: Connection reset", failure.message());
    }

    /**
     * A server that reads the request and closes: OkHttp's words, and the plain reason for its cause, but
     * never a Java exception's name or the parser's "\n not found: limit=0" (hostile-newcomer finding).
     */
    @Test
    void aConnectionClosedWithoutAnAnswerIsSaidInPlainWords() {
        CallTrace trace = new CallTrace(Ticker.system());
        trace.markSent();
        trace.requestBodyEnd(null, 10);

        Outcome.Failure failure = classifier.transport(new java.io.IOException("unexpected end of stream on "
                + "http://127.0.0.1:9/...", new java.io.EOFException("\\n not found: limit=0 content=…")), trace,
                false, false, null);

        assertEquals(ErrorKind.CONNECTION_LOST, failure.kind());
        assertEquals("connection lost after the request was sent: unexpected end of stream on http://127.0.0.1:9/... "
                + "(the server closed the connection)", failure.message());
    }

    @Test
    void aResetAfterTheBodyWasWrittenIsAConnectionLoss() {
        CallTrace trace = new CallTrace(Ticker.system());
        trace.markSent();
        trace.requestBodyEnd(null, 10);

        Outcome.Failure failure = classifier.transport(new SocketException("Connection reset"), trace, false, false,
                null);

        assertEquals(ErrorKind.CONNECTION_LOST, failure.kind());
    }

    @Test
    void aFailedFlushAfterTheBodyIsStillAConnectFailure() {
        CallTrace trace = new CallTrace(Ticker.system());
        trace.requestBodyEnd(null, 10);
        trace.requestFailed(null, new SocketException("Broken pipe"));

        Outcome.Failure failure = classifier.transport(new SocketException("Broken pipe"), trace, false, false, null);

        assertEquals(ErrorKind.CONNECT_FAILED, failure.kind());
    }
}
