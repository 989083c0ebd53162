package dev.promptbench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.clock.TestClocks;
import dev.promptbench.clock.Ticker;
import dev.promptbench.prompt.Message;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import dev.promptbench.sim.Throttles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's {@code --429-cause} answers as the client reads them: each cause, in Azure's and in
 * OpenAI's shape, is told apart by the same classifier that reads the real services.
 */
class SimulatedThrottlingTest {

    private static Simulator start(String causes) throws Exception {
        return Simulator.start(SimulatorSettings.instant().withLimits(
                SimulatorSettings.Limits.none().withThrottles(Throttles.parse(causes))), TestClocks.SYSTEM);
    }

    private static Function<String, Endpoint> route(String style) {
        return switch (style) {
            case "azure" -> ClientFixtures::azure;
            case "azure-v1" -> ClientFixtures::azureV1;
            default -> ClientFixtures::openai;
        };
    }

    private static ChatRequest prompt(int i) {
        return new ChatRequest("p" + i, List.of(Message.text("user", "prompt number " + i)), null, null);
    }

    /** The outcomes of {@code n} different prompts, in order, over one client. */
    private static List<Outcome> send(Simulator simulator, String style, int n) {
        List<Outcome> outcomes = new ArrayList<>();
        Endpoint endpoint = route(style).apply(simulator.baseUri().toString().replaceAll("/$", ""));
        try (OpenAIResponder responder = new OpenAIResponder(ClientFixtures.settings(), Ticker.system(), ClientFixtures.CLOCK)) {
            for (int i = 0; i < n; i++) outcomes.add(responder.call(prompt(i), endpoint));
        }
        return outcomes;
    }

    @ParameterizedTest
    @CsvSource({"azure, requests, REQUEST_RATE", "openai, requests, REQUEST_RATE", "azure, tokens, TOKEN_RATE",
            "openai, tokens, TOKEN_RATE", "azure, quota, QUOTA_EXHAUSTED", "openai, quota, QUOTA_EXHAUSTED",
            "azure-v1, quota, QUOTA_EXHAUSTED", "azure, flex, FLEX_UNAVAILABLE", "openai, flex, FLEX_UNAVAILABLE"})
    void eachCauseIsReadAsTheServicesSendIt(String style, String cause, ThrottleCause expected) throws Exception {
        try (Simulator simulator = start(cause + ":1")) {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, send(simulator, style, 1).get(0));
            assertEquals(429, failure.httpStatus());
            assertEquals(expected, failure.throttle(), failure.message());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure", "openai"})
    void aCapacityCutShowsAsALoweredLimitAfterNormalAnswers(String style) throws Exception {
        try (Simulator simulator = start("capacity:0.5")) {
            List<Outcome> outcomes = send(simulator, style, 24);
            int first = 0;
            while (outcomes.get(first) instanceof Outcome.Failure) first++;
            long cuts = 0;
            for (Outcome outcome : outcomes.subList(first, outcomes.size())) {
                if (outcome instanceof Outcome.Failure failure) {
                    assertEquals(ThrottleCause.CAPACITY, failure.throttle(), failure.rateLimits().toString());
                    cuts++;
                }
            }
            assertTrue(cuts > 0, "about half of 24 draws are cuts");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure", "openai"})
    void anExhaustedQuotaStaysExhausted(String style) throws Exception {
        try (Simulator simulator = start("quota:0.2")) {
            List<Outcome> outcomes = send(simulator, style, 30);
            int first = 0;
            while (!(outcomes.get(first) instanceof Outcome.Failure)) first++;
            for (Outcome outcome : outcomes.subList(first, outcomes.size())) {
                assertEquals(ThrottleCause.QUOTA_EXHAUSTED, assertInstanceOf(Outcome.Failure.class, outcome).throttle());
            }
        }
    }

    @Test
    void aSpilledOverAnswerSaysFromWhichDeployment() throws Exception {
        try (Simulator simulator = start("spillover:1")) {
            Outcome outcome = send(simulator, "azure", 1).get(0);
            assertInstanceOf(Outcome.Success.class, outcome);
            assertEquals("dep", outcome.rateLimits().spilloverFrom());
        }
    }
}
