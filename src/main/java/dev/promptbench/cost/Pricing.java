package dev.promptbench.cost;

import dev.promptbench.client.Endpoint;
import dev.promptbench.config.Price;
import dev.promptbench.config.PriceSettings;
import dev.promptbench.config.Resolution;
import dev.promptbench.results.request.ResultSink;
import dev.promptbench.results.request.ServiceTier;
import dev.promptbench.results.request.Usage;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an answer cost: its tokens at its model's price (an endpoint's own {@code price:} first, then the
 * config's {@code prices:}, then the built-in list prices), times the multiplier of the tier that served
 * it and, for the Batch API, the batch multiplier. A price or multiplier that is not known makes the cost
 * unknown (null), never 0.
 */
public final class Pricing {
    /** The Batch API's discount when the config does not name one: half price on both services. */
    public static final double DEFAULT_BATCH_MULTIPLIER = 0.5;

    /** A dated snapshot of a model: gpt-4o-2024-08-06 is priced as gpt-4o. */
    private static final Pattern SNAPSHOT = Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$");

    private final Map<String, Price> byEndpoint;
    private final Map<String, Price> byModel;
    private final Map<ServiceTier, Double> tiers;
    private final double batch;
    private final String configSource;
    private final boolean configModels;
    private final Map<String, String> modelByEndpoint;

    private Pricing(Map<String, Price> byEndpoint, PriceSettings settings, Map<String, String> modelByEndpoint) {
        this.byEndpoint = Map.copyOf(byEndpoint);
        this.modelByEndpoint = Map.copyOf(modelByEndpoint);
        Map<String, Price> models = new HashMap<>(ListPrices.MODELS);
        models.putAll(settings.models());
        this.byModel = Map.copyOf(models);
        Map<ServiceTier, Double> multipliers = new EnumMap<>(ServiceTier.class);
        // Default and auto are the list price; flex is documented at about half of it. Priority's
        // premium differs by model, so it stays unknown until the config names it.
        multipliers.put(ServiceTier.DEFAULT, 1.0);
        multipliers.put(ServiceTier.AUTO, 1.0);
        multipliers.put(ServiceTier.FLEX, 0.5);
        multipliers.putAll(settings.tierMultipliers());
        this.tiers = Map.copyOf(multipliers);
        this.batch = settings.batchMultiplier() != null ? settings.batchMultiplier() : DEFAULT_BATCH_MULTIPLIER;
        this.configSource = settings.source();
        this.configModels = !settings.models().isEmpty() || !byEndpoint.isEmpty();
    }

    /** Prices from the config (per endpoint and per model) over the built-in list prices. */
    public static Pricing of(Map<String, Price> byEndpoint, PriceSettings settings) {
        return new Pricing(byEndpoint, settings, Map.of());
    }

    /**
     * The prices a resolved run uses: its profile's per-endpoint prices and config prices over the
     * built-in list, an answer that names no model priced by its endpoint's configured model (or deployment).
     */
    public static Pricing of(Resolution resolution) {
        Map<String, String> models = new HashMap<>();
        for (Endpoint endpoint : resolution.endpoints()) {
            String model = endpoint.model() != null ? endpoint.model() : endpoint.deployment();
            if (model != null) models.put(endpoint.name(), model);
        }
        return new Pricing(resolution.prices(), resolution.modelPrices(), models);
    }

    /** The built-in list prices alone. */
    public static Pricing builtIn() {
        return new Pricing(Map.of(), PriceSettings.NONE, Map.of());
    }

    /**
     * The price of an answer from {@code endpoint} by {@code model} (the model the answer names, or the
     * one configured), or null when none is known.
     */
    public Price priceOf(String endpoint, String model) {
        Price own = endpoint == null ? null : byEndpoint.get(endpoint);
        if (own != null) return own;
        if (model == null) return null;
        Price exact = byModel.get(model);
        return exact != null ? exact : byModel.get(SNAPSHOT.matcher(model).replaceFirst(""));
    }

    /** The multiplier of a tier (the default tier when null), or null when not known. */
    public Double multiplier(ServiceTier tier) {
        return tiers.get(tier == null ? ServiceTier.DEFAULT : tier);
    }

    /** The Batch API's multiplier. */
    public double batchMultiplier() { return batch; }

    /**
     * The cost of one answer, or null when its usage, price or tier multiplier is not known.
     *
     * @param tier  the tier that served it (as the answer says, or as asked when it says nothing); null is default
     * @param batch true when it went through the Batch API
     */
    public Double cost(String endpoint, String model, Usage usage, ServiceTier tier, boolean batch) {
        if (usage == null) return null;
        Price price = priceOf(endpoint, model);
        Double multiplier = multiplier(tier);
        if (price == null || multiplier == null) return null;
        return price.cost(usage) * multiplier * (batch ? this.batch : 1.0);
    }

    /**
     * What {@code promptTokens} and {@code completionTokens} would cost on {@code endpoint} (at its
     * configured model) and {@code tier}, as {@code --dry-run} estimates it; null when not known.
     */
    public Double estimate(String endpoint, long promptTokens, long completionTokens, ServiceTier tier) {
        Price price = priceOf(endpoint, endpoint == null ? null : modelByEndpoint.get(endpoint));
        Double multiplier = multiplier(tier);
        if (price == null || multiplier == null) return null;
        return price.cost(promptTokens, completionTokens) * multiplier;
    }

    /** The model an endpoint is configured with (or its deployment), or null. */
    public String modelOf(String endpoint) {
        return endpoint == null ? null : modelByEndpoint.get(endpoint);
    }

    /**
     * A sink that prices each record before handing it on: at the tier the answer says served it, or the
     * tier asked when it says none.
     *
     */
    public ResultSink pricing(ResultSink downstream, ServiceTier asked, boolean batch) {
        return r -> {
            if (r.usage() == null || r.cost() != null) {
                downstream.accept(r);
                return;
            }
            String model = r.model() != null ? r.model() : modelByEndpoint.get(r.endpoint());
            ServiceTier tier = r.reply().servedTier() != null ? r.reply().servedTier() : asked;
            downstream.accept(r.withCost(cost(r.endpoint(), model, r.usage(), tier, batch)));
        };
    }

    /**
     * Where the prices come from, for reports: the built-in list's date, the config when it adds any, and
     * each tier priced off the list (an answer served on flex costs half, whatever tier was asked).
     */
    public String describe() {
        StringBuilder described = new StringBuilder(source());
        for (ServiceTier tier : ServiceTier.values()) {
            Double multiplier = tiers.get(tier);
            if (multiplier != null && multiplier != 1.0) {
                described.append(", ").append(tier.wireName()).append(" tier x").append(plain(multiplier));
            }
        }
        return described.toString();
    }

    /** Where the prices of a Batch API run come from: its answers are all priced at the batch multiplier. */
    public String describeBatch() {
        return source() + ", Batch API price x" + plain(batch);
    }

    private String source() {
        String listed = ListPrices.SOURCE + " of " + ListPrices.DATE + " (built in)";
        return configModels && configSource != null ? "prices from " + configSource + ", then " + listed
                : configModels ? "prices from the profile, then " + listed : listed;
    }

    private static String plain(double multiplier) {
        return java.math.BigDecimal.valueOf(multiplier).stripTrailingZeros().toPlainString();
    }
}
