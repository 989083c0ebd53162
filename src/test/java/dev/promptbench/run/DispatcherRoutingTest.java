package dev.promptbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptbench.client.Answer;
import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.RequestResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each request is routed once, before the gate, and the gate, the send and the router agree on where. */
class DispatcherRoutingTest {
    private static Endpoint endpoint(String name) {
        return new Endpoint(name, ApiStyle.OPENAI, URI.create("http://127.0.0.1:1/" + name + "/v1/chat/completions"),
                null, "m", "max_tokens", ApiKeyCredential.bearer("k", "test"), false);
    }

    @Test
    void theGateTheResponderAndTheRouterSeeTheSameEndpoint() throws Exception {
        Endpoint a = endpoint("a");
        Endpoint b = endpoint("b");
        AtomicInteger routed = new AtomicInteger();
        Map<String, String> gateSaw = new ConcurrentHashMap<>();
        Map<String, String> sentTo = new ConcurrentHashMap<>();
        List<String> observed = new CopyOnWriteArrayList<>();
        Router router = new Router() {
            @Override public Endpoint endpointFor(int promptIndex) {
                return routed.getAndIncrement() % 2 == 0 ? a : b;
            }

            @Override public void observe(Endpoint endpoint, Outcome outcome) {
                observed.add(endpoint.name() + ":" + outcome.httpStatus());
            }
        };
        Admission gate = new Admission() {
            @Override public void enter(ChatRequest request) {
                throw new AssertionError("the dispatcher names the endpoint");
            }

            @Override public void enter(ChatRequest request, Endpoint endpoint) {
                gateSaw.put(request.promptId(), endpoint.name());
            }

            @Override public void leave(ChatRequest request, Outcome outcome) {}
        };
        Dispatcher dispatcher = new Dispatcher((request, endpoint) -> {
            sentTo.put(request.promptId(), endpoint.name());
            long now = System.nanoTime();
            return new Outcome.Success(new Outcome.Exchange(new Timing(now, now, now, now), 200, null), new Answer("",
                    "stop", null, "m"));
        }, new RequestTemplate(RequestSettings.none()), router, Admission.both(Admission.open(), gate), Ticker.system());
        List<RequestResult> results = new CopyOnWriteArrayList<>();
        dispatcher.run(new Plan.Parallel(4), 0, new DispatcherTest.CountingSource(40), results::add,
                new RunControl(Duration.ofSeconds(5), Ticker.system()));

        assertEquals(40, routed.get(), "one routing decision per request");
        assertEquals(40, results.size());
        assertEquals(gateSaw, sentTo);
        for (RequestResult result : results) {
            assertEquals(sentTo.get(result.promptId()), result.endpoint());
        }
        assertEquals(40, observed.size());
        assertEquals(20, observed.stream().filter(o -> o.startsWith("a:")).count());
    }
}
