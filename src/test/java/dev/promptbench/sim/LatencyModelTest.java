package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

    private static final SimulatorSettings SETTINGS = SimulatorSettings.defaults();

    private static String messages(int i) {
        return "[{\"role\":\"user\",\"content\":\"prompt number " + i + "\"}]";
    }

    @Test
    void samePromptSeedAndAttemptGiveTheSamePlanInAnotherModelInstance() {
        ServicePlan first = new LatencyModel(SETTINGS).plan(messages(1), 1, null);
        ServicePlan again = new LatencyModel(SETTINGS).plan(messages(1), 1, null);
        assertEquals(first, again);
    }

    @Test
    void plansDoNotDependOnTheOrderOfRequests() {
        LatencyModel forward = new LatencyModel(SETTINGS);
        LatencyModel backward = new LatencyModel(SETTINGS);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            order.add(i);
        }
        Map<Integer, ServicePlan> inOrder = new HashMap<>();
        order.forEach(i -> inOrder.put(i, forward.plan(messages(i), 1, null)));
        Collections.reverse(order);
        order.forEach(i -> assertEquals(inOrder.get(i), backward.plan(messages(i), 1, null)));
    }

    @Test
    void differentPromptsGetDifferentServiceTimes() {
        LatencyModel model = new LatencyModel(SETTINGS);
        Set<Duration> firstTokens = new HashSet<>();
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ServicePlan plan = model.plan(messages(i), 1, null);
            firstTokens.add(plan.firstToken());
            lengths.add(plan.completionTokens());
        }
        assertEquals(20, firstTokens.size());
        assertTrue(lengths.size() > 1, "answer lengths vary: " + lengths);
    }

    @Test
    void anotherAttemptOrSeedDrawsAnew() {
        ServicePlan first = new LatencyModel(SETTINGS).plan(messages(1), 1, null);
        ServicePlan retry = new LatencyModel(SETTINGS).plan(messages(1), 2, null);
        SimulatorSettings otherSeed = new SimulatorSettings("127.0.0.1", 0, 43L, SETTINGS.answers());
        ServicePlan reseeded = new LatencyModel(otherSeed).plan(messages(1), 1, null);
        assertNotEquals(first.firstToken(), retry.firstToken());
        assertNotEquals(first.firstToken(), reseeded.firstToken());
    }

    @Test
    void sigmaZeroGivesFixedServiceTimes() {
        SimulatorSettings fixed = new SimulatorSettings("127.0.0.1", 0, 7L,
                new SimulatorSettings.Answers(Duration.ofMillis(300), 0.0, 20, Duration.ofMillis(5), 1));
        LatencyModel model = new LatencyModel(fixed);
        for (int i = 0; i < 30; i++) {
            ServicePlan plan = model.plan(messages(i), 1 + i % 3, null);
            assertEquals(Duration.ofMillis(300), plan.firstToken());
            assertEquals(20, plan.completionTokens());
            assertEquals(Duration.ofMillis(300 + 5 * 19), plan.total());
        }
    }

    @Test
    void totalIsFirstTokenPlusTokenDelayForTheRest() {
        LatencyModel model = new LatencyModel(SETTINGS);
        for (int i = 0; i < 30; i++) {
            ServicePlan plan = model.plan(messages(i), 1, null);
            assertEquals(plan.firstToken().plus(
                    SETTINGS.answers().tokenDelay().multipliedBy(plan.completionTokens() - 1L)), plan.total());
            assertTrue(plan.completionTokens() >= 1);
        }
    }

    @Test
    void maxTokensCapsTheAnswerAndSetsLength() {
        LatencyModel model = new LatencyModel(SETTINGS);
        ServicePlan natural = model.plan(messages(3), 1, null);
        ServicePlan capped = model.plan(messages(3), 1, 5);
        ServicePlan roomy = model.plan(messages(3), 1, natural.completionTokens() + 100);
        assertEquals(5, capped.completionTokens());
        assertTrue(capped.capped());
        assertEquals("length", capped.finishReason());
        assertEquals(natural.firstToken(), capped.firstToken(), "the cap does not change the draw");
        assertFalse(roomy.capped());
        assertEquals("stop", roomy.finishReason());
        assertEquals(natural.completionTokens(), roomy.completionTokens());
    }

    @Test
    void drawsFollowTheConfiguredMedians() {
        LatencyModel model = new LatencyModel(SETTINGS);
        List<Long> firstTokens = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < 2001; i++) {
            ServicePlan plan = model.plan(messages(i), 1, null);
            firstTokens.add(plan.firstToken().toMillis());
            lengths.add(plan.completionTokens());
        }
        Collections.sort(firstTokens);
        Collections.sort(lengths);
        long medianMillis = firstTokens.get(1000);
        int medianLength = lengths.get(1000);
        assertTrue(Math.abs(medianMillis - SETTINGS.answers().ttftMedian().toMillis()) < 40, "median " + medianMillis);
        assertTrue(Math.abs(medianLength - SETTINGS.answers().tokensMedian()) < 8, "median length " + medianLength);
    }
}
