package dev.promptbench.config;

import dev.promptbench.client.Api;
import dev.promptbench.results.request.ServiceTier;

/**
 * One endpoint as written in a config profile; every field but {@code name} may be null (not written).
 *
 * @param name           the endpoint's name in a list ({@code name:} or {@code endpoint-N}); null for the
 *                       single-endpoint form, which resolves to {@code default}
 * @param provider       {@code provider:}, or null to infer it from the URL
 * @param address        where it is: {@code url:}, {@code deployment:}, {@code model:}, {@code api_version:}
 * @param keyEnv         {@code key_env:}, the name of the environment variable that holds the key
 * @param maxTokensField {@code max_tokens_field:}
 * @param rates          its share of a pool and its budgets: {@code weight:}, {@code tpm:}, {@code rpm:}
 * @param price          {@code price:}, what this endpoint's tokens cost
 * @param serviceTier    {@code service_tier:}, the tier to ask for (the default of {@code --service-tier})
 * @param api            {@code api:}, chat or responses; null when not written (chat unless {@code --api})
 */
public record EndpointSpec(String name, Provider provider, Address address, String keyEnv, String maxTokensField,
                           Rates rates, Price price, ServiceTier serviceTier, Api api) {

    public EndpointSpec {
        address = address == null ? Address.NONE : address;
        rates = rates == null ? Rates.NONE : rates;
    }

    /**
     * Where an endpoint is, each part null when not written.
     *
     * @param url        {@code url:}, already checked to be an http(s) URL
     * @param deployment {@code deployment:} (Azure)
     * @param model      {@code model:} (OpenAI and compatible servers)
     * @param apiVersion {@code api_version:} (Azure deployment route)
     */
    public record Address(String url, String deployment, String model, String apiVersion) {
        static final Address NONE = new Address(null, null, null, null);
    }

    /**
     * An endpoint's share of a pool and its budgets, each null when not written.
     *
     * @param weight {@code weight:}, relative share of requests in a pool
     * @param tpm    {@code tpm:}, tokens-per-minute budget of this endpoint
     * @param rpm    {@code rpm:}, requests-per-minute budget of this endpoint
     */
    public record Rates(Double weight, Integer tpm, Integer rpm) {
        static final Rates NONE = new Rates(null, null, null);
    }
}
