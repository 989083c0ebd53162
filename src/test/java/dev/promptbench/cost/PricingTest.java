package dev.promptbench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.config.ConfigException;
import dev.promptbench.config.ConfigFile;
import dev.promptbench.config.Price;
import dev.promptbench.config.PriceSettings;
import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.Mode;
import dev.promptbench.results.request.Reply;
import dev.promptbench.results.request.RequestKey;
import dev.promptbench.results.request.RequestResult;
import dev.promptbench.results.request.RequestStatus;
import dev.promptbench.results.request.RequestTimes;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cost per answer: prices per model and endpoint, cached and reasoning tokens, tiers, batch, unknowns. */
class PricingTest {
    private static final Usage CACHED_REASONING = new Usage(2048, 300, 256, 1920);

    @Test
    void aDatedSnapshotIsPricedAtItsModelsListPriceWithCachedTokensAtTheCachedPrice() {
        // gpt-4o-mini: 0.15 input, 0.075 cached input, 0.60 output per million; reasoning is output.
        double byHand = (128 * 0.15 + 1920 * 0.075 + 300 * 0.60) / 1e6;

        Double cost = Pricing.builtIn().cost("default", "gpt-4o-mini-2024-07-18", CACHED_REASONING, null, false);

        assertEquals(byHand, cost, 1e-15);
        assertEquals(0.0003432, cost, 1e-12);
    }

    @Test
    void flexAndBatchMultiplyPriorityIsUnknownUntilConfigured() {
        Pricing builtIn = Pricing.builtIn();
        double standard = builtIn.cost("e", "gpt-4o", new Usage(1000, 100), ServiceTier.DEFAULT, false);

        assertEquals(standard / 2, builtIn.cost("e", "gpt-4o", new Usage(1000, 100), ServiceTier.FLEX, false), 1e-15);
        assertEquals(standard / 2, builtIn.cost("e", "gpt-4o", new Usage(1000, 100), null, true), 1e-15);
        assertNull(builtIn.cost("e", "gpt-4o", new Usage(1000, 100), ServiceTier.PRIORITY, false),
                "no built-in priority premium: unknown, not the default price");

        Pricing configured = Pricing.of(Map.of(), new PriceSettings(Map.of(),
                Map.of(ServiceTier.PRIORITY, 2.0), 0.4, "p.yaml"));
        assertEquals(standard * 2, configured.cost("e", "gpt-4o", new Usage(1000, 100), ServiceTier.PRIORITY, false),
                1e-15);
        assertEquals(standard * 0.4, configured.cost("e", "gpt-4o", new Usage(1000, 100), null, true), 1e-15);
    }

    @Test
    void anAnswerIsPricedAtTheTierItSaysServedItElseAtTheTierAsked() {
        Pricing builtIn = Pricing.builtIn();
        double standard = builtIn.cost("e", "gpt-4o", new Usage(1000, 100), ServiceTier.DEFAULT, false);
        List<RequestResult> priced = new ArrayList<>();
        ResultSink sink = builtIn.pricing(priced::add, ServiceTier.PRIORITY, false);

        sink.accept(answer(ServiceTier.FLEX));
        sink.accept(answer(null));

        assertEquals(standard / 2, priced.get(0).cost(), 1e-15, "served on flex: flex's price");
        assertNull(priced.get(1).cost(), "no tier named: the tier asked (priority), whose premium is unknown");
    }

    private static RequestResult answer(ServiceTier served) {
        return new RequestResult(new RequestKey(Mode.PARALLEL, 0, 0, "p0", false),
                new Reply(RequestStatus.OK, "stop", 200, null, null, "gpt-4o", "a", null, served), Attempts.FIRST,
                new RequestTimes(0, 0, 1, 1), new Usage(1000, 100), null, null, 0, "e");
    }

    @Test
    void anUnknownModelOrUsageIsAnUnknownCostNeverZero() {
        assertNull(Pricing.builtIn().cost("e", "gpt-4o-mini-sim", new Usage(10, 10), null, false),
                "the simulator's model is not a listed one");
        assertNull(Pricing.builtIn().cost("e", null, new Usage(10, 10), null, false));
        assertNull(Pricing.builtIn().cost("e", "gpt-4o", null, null, false));
    }

    @Test
    void theConfigOverridesTheListAndAnEndpointsOwnPriceOverridesBoth() {
        PriceSettings settings = new PriceSettings(Map.of("gpt-4o", new Price(1, 2), "my-model", new Price(3, 4)),
                Map.of(), null, "p.yaml");
        Pricing pricing = Pricing.of(Map.of("east", new Price(10, 20)), settings);

        assertEquals((1000 * 1 + 100 * 2) / 1e6, pricing.cost("west", "gpt-4o", new Usage(1000, 100), null, false), 1e-15);
        assertEquals((1000 * 3 + 100 * 4) / 1e6, pricing.cost("west", "my-model", new Usage(1000, 100), null, false), 1e-15);
        assertEquals((1000 * 10 + 100 * 20) / 1e6, pricing.cost("east", "gpt-4o", new Usage(1000, 100), null, false),
                1e-15);
        assertEquals((1000 * 1 + 100 * 2) / 1e6, pricing.cost("west", "gpt-4o", new Usage(1000, 100, null, 800), null,
                false), 1e-15, "no cached price given: cached tokens at the input price");
    }

    @Test
    void theReportNamesTheDateOfTheListPrices() {
        assertEquals("OpenAI list prices of 2026-05-27 (built in), flex tier x0.5", Pricing.builtIn().describe());
        assertTrue(Pricing.of(Map.of(), new PriceSettings(Map.of(), Map.of(ServiceTier.FLEX, 0.45,
                ServiceTier.PRIORITY, 1.75), null, "p.yaml")).describe().endsWith(", flex tier x0.45, priority tier x1.75"),
                "a tier's multiplier from the config is the one named");
        assertEquals("OpenAI list prices of 2026-05-27 (built in), Batch API price x0.5", Pricing.builtIn().describeBatch(),
                "a batch's answers are priced at the batch multiplier alone");
        assertTrue(Pricing.of(Map.of(), new PriceSettings(Map.of("m", new Price(1, 1)), Map.of(), null, "p.yaml"))
                .describe().startsWith("prices from p.yaml, then OpenAI list prices of 2026-05-27"));
    }

    @Test
    void theConfigFileReadsPricesPerModelAndMultipliers() {
        ConfigFile file = ConfigFile.parse("""
                profiles:
                  a: {provider: openai, model: gpt-4o, price: {input_per_1m: 1, cached_input_per_1m: 0.5, output_per_1m: 2}}
                prices:
                  gpt-4o: {input_per_1m: 2.5, cached_input_per_1m: 1.25, output_per_1m: 10}
                price_multipliers: {flex: 0.5, priority: 1.75, batch: 0.5}
                """, "p.yaml");

        assertEquals(new Price(2.5, 1.25, 10), file.prices().models().get("gpt-4o"));
        assertEquals(1.75, file.prices().tierMultipliers().get(ServiceTier.PRIORITY));
        assertEquals(0.5, file.prices().batchMultiplier());
        assertEquals(new Price(1, 0.5, 2), file.profile("a").endpoints().get(0).price());
    }

    @Test
    void aBadPriceIsOneLineNamingTheFileAndTheKey() {
        assertEquals("p.yaml: in price_multipliers: unknown key 'turbo' (known keys: auto, default, flex, priority, batch)",
                assertThrows(ConfigException.class, () -> ConfigFile.parse(
                        "profiles: {s: {provider: simulator}}\nprice_multipliers: {turbo: 2}\n", "p.yaml")).getMessage());
        assertEquals("p.yaml: in prices, model 'gpt-4o': price values must be numbers, zero or more",
                assertThrows(ConfigException.class, () -> ConfigFile.parse("profiles: {s: {provider: simulator}}\n"
                        + "prices: {gpt-4o: {input_per_1m: -1, output_per_1m: 2}}\n", "p.yaml")).getMessage());
    }
}
