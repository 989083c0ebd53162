package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.Answer;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import dev.promptbench.client.Timing;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.results.request.Usage;
import dev.promptbench.run.RequestSettings;
import dev.promptbench.run.RequestTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canary decides: an endpoint that cannot be reached or does not answer stops the run before the batch. */
class CanaryTest {
    private static final Endpoint ENDPOINT = new Endpoint("default", ApiStyle.OPENAI,
            URI.create("http://127.0.0.1:9/v1/chat/completions"), null, "m", "max_tokens",
            ApiKeyCredential.bearer("k", "test"), false);

    private final List<Duration> slept = new ArrayList<>();

    private static ChatRequest request() {
        Prompt prompt = new Prompt(0, "line-1", List.of(dev.promptbench.prompt.Message.text("user", "hi")),
                java.util.Map.of());
        return new RequestTemplate(RequestSettings.none()).canaryFor(prompt);
    }

    private static Outcome failure(ErrorKind kind, Integer status, String message) {
        long now = System.nanoTime();
        return new Outcome.Failure(new Outcome.Exchange(new Timing(now, Timing.UNSET, Timing.UNSET, now + 1000),
                status, null), kind, null, message, null);
    }

    private static Outcome success() {
        long now = System.nanoTime();
        return new Outcome.Success(new Outcome.Exchange(new Timing(now, now, now, now + 1000), 200, null),
                new Answer("h", "length", new Usage(1, 1), "m"));
    }

    /** Answers with the scripted outcomes in turn; counts the calls. */
    private static final class Script implements Responder {
        final Deque<Outcome> outcomes;
        int calls;

        Script(Outcome... outcomes) { this.outcomes = new ArrayDeque<>(List.of(outcomes)); }

        @Override public Outcome call(ChatRequest request, Endpoint endpoint) {
            calls++;
            return outcomes.size() > 1 ? outcomes.removeFirst() : outcomes.peekFirst();
        }
    }

    private Canary.Verdict send(Script script, int retries) throws InterruptedException {
        return new Canary(script, slept::add, retries, Duration.ofSeconds(30)).send(request(), ENDPOINT);
    }

    @Test
    void nothingListeningStopsTheRunWithOneLineNamingTheUrlAndTheCause() throws Exception {
        Script script = new Script(failure(ErrorKind.CONNECT_FAILED, null, "connect failed: connection refused"));

        Canary.Verdict verdict = send(script, 5);

        assertEquals(3, script.calls, "the canary retries twice at most");
        String message = verdict.fatalMessage();
        assertTrue(message.startsWith("http://127.0.0.1:9/v1/chat/completions: connection refused"), message);
        assertFalse(message.contains("\n"));
        assertEquals("error", verdict.report().status());
    }

    @Test
    void noAnswerWithinTheCanarysBoundStopsTheRun() throws Exception {
        Script script = new Script(failure(ErrorKind.TIMEOUT, null, "no complete answer within 30 s"));

        Canary.Verdict verdict = send(script, 5);

        assertEquals(1, script.calls, "one token not answered within the generous bound: not retried");
        assertTrue(verdict.fatalMessage().startsWith("http://127.0.0.1:9/v1/chat/completions: no answer within 30s"),
                verdict.fatalMessage());
    }

    @Test
    void aConnectionThatCouldNotBeSetUpInTimeIsNotTriedAgain() throws Exception {
        long now = System.nanoTime();
        Outcome slow = new Outcome.Failure(new Outcome.Exchange(new Timing(now, Timing.UNSET, Timing.UNSET,
                now + 2_000_000_000L), null, null), ErrorKind.CONNECT_FAILED, null,
                "connect failed: no TLS handshake within 2s", null);
        Script script = new Script(slow);

        Canary.Verdict verdict = send(script, 5);

        assertEquals(1, script.calls);
        assertTrue(verdict.fatalMessage().startsWith("http://127.0.0.1:9/v1/chat/completions: no TLS handshake within 2s"),
                verdict.fatalMessage());
    }

    @Test
    void a404NamesTheUrlTriedAndTheNearestKnownShape() throws Exception {
        Endpoint gateway = new Endpoint("default", ApiStyle.AZURE_DEPLOYMENT,
                URI.create("https://apim.example.net/team/dep/chat/completions?api-version=2024-10-21"), "dep", null,
                "max_completion_tokens", ApiKeyCredential.bearer("k", "test"), false);
        Script script = new Script(failure(ErrorKind.NOT_FOUND, 404, "HTTP 404: Resource not found"));

        String message = new Canary(script, slept::add, 5, Duration.ofSeconds(30)).send(request(), gateway)
                .fatalMessage();

        assertTrue(message.startsWith("https://apim.example.net/team/dep/chat/completions answered HTTP 404"), message);
        assertTrue(message.contains("nearest known shape is https://apim.example.net/openai/deployments/dep/"
                + "chat/completions?api-version="), message);
        assertTrue(message.contains("'dep'"), message);
    }

    @Test
    void aCanaryAnswered429SaysWhyItWasThrottled() throws Exception {
        long now = System.nanoTime();
        Outcome throttled = new Outcome.Failure(new Outcome.Exchange(new Timing(now, Timing.UNSET, Timing.UNSET,
                now + 1000), 429, null), ErrorKind.RATE_LIMITED, "429", "HTTP 429: exceeded token rate limit", null)
                .withThrottle(ThrottleCause.TOKEN_RATE);

        Canary.Verdict verdict = send(new Script(throttled), 0);

        assertEquals("skipped", verdict.report().status(), "an endpoint answering 429 is alive");
        assertTrue(verdict.report().message().startsWith("rate_limited 429 (token_rate): HTTP 429"),
                verdict.report().message());
    }

    @Test
    void retriesZeroMeansOneAttempt() throws Exception {
        Script script = new Script(failure(ErrorKind.CONNECT_FAILED, null, "connect failed: connection refused"));

        Canary.Verdict verdict = send(script, 0);

        assertEquals(1, script.calls);
        assertTrue(slept.isEmpty());
        assertTrue(verdict.fatalMessage() != null);
    }

    @Test
    void aTransientConnectFailureThenAnAnswerIsFine() throws Exception {
        Script script = new Script(failure(ErrorKind.CONNECT_FAILED, null, "connect failed: connection refused"),
                success());

        Canary.Verdict verdict = send(script, 5);

        assertNull(verdict.fatalMessage());
        assertEquals("ok", verdict.report().status());
        assertEquals(2, script.calls);
    }

    @Test
    void anEndpointThatAnswersWithServerErrorsIsAliveTheBatchRetriesThose() throws Exception {
        Script script = new Script(failure(ErrorKind.SERVER_ERROR, 503, "HTTP 503"));

        Canary.Verdict verdict = send(script, 5);

        assertNull(verdict.fatalMessage());
        assertEquals("skipped", verdict.report().status());
    }

    @Test
    void aCancelledCanaryIsNeitherFatalNorOk() throws Exception {
        Script script = new Script(failure(ErrorKind.INTERRUPTED, null, "cancelled: the client was closed"));

        Canary.Verdict verdict = send(script, 5);

        assertEquals(1, script.calls);
        assertNull(verdict.fatalMessage());
        assertEquals("cancelled", verdict.report().status());
    }
}
