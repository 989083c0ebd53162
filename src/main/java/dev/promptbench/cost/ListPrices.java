package dev.promptbench.cost;

import dev.promptbench.config.Price;
import java.util.Map;

/**
 * The built-in list prices, US dollars per million tokens at the standard (default) tier, for common
 * models. A config file's {@code prices:} overrides them; a model not listed here has no known price.
 *
 * <p>Source: OpenAI's API pricing page (openai.com/api/pricing, developers.openai.com/api/docs/pricing), as
 * quoted by several public copies dated May 2026 and cross-checked between them; a model whose figures the
 * copies disagreed on (o3-mini, o4-mini, gpt-5) or whose cached-input price was not stated
 * (gpt-4.1-nano) is left out rather than guessed. Azure's prices vary by deployment type and region: give
 * them in the config.
 */
final class ListPrices {
    private ListPrices() {}

    /** The date of the figures below, named in every report that uses them. */
    static final String DATE = "2026-05-27";

    /** Where the figures come from, for reports. */
    static final String SOURCE = "OpenAI list prices";

    static final Map<String, Price> MODELS = Map.of(
            "gpt-4o", new Price(2.50, 1.25, 10.00),
            "gpt-4o-mini", new Price(0.15, 0.075, 0.60),
            "gpt-4.1", new Price(2.00, 0.50, 8.00),
            "gpt-4.1-mini", new Price(0.40, 0.10, 1.60),
            "o1", new Price(15.00, 7.50, 60.00));
}
