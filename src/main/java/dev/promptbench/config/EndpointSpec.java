package dev.promptbench.config;

import dev.promptbench.client.Api;
import dev.promptbench.results.request.ServiceTier;

/**
 * One endpoint as written in a config profile; every field but {@code name} may be null (not written).
 *
 * @param name           the endpoint's name in a list ({@code name:} or {@code endpoint-N}); null for the
 *                       single-endpoint form, which resolves to {@code default}
 * @param provider       {@code provider:}, or null to infer it from the URL
 * @param url            {@code url:}, already checked to be an http(s) URL
 * @param deployment     {@code deployment:} (Azure)
 * @param model          {@code model:} (OpenAI and compatible servers)
 * @param apiVersion     {@code api_version:} (Azure deployment route)
 * @param keyEnv         {@code key_env:}, the name of the environment variable that holds the key
 * @param maxTokensField {@code max_tokens_field:}
 * @param weight         {@code weight:}, relative share of requests in a pool
 * @param tpm            {@code tpm:}, tokens-per-minute budget of this endpoint
 * @param rpm            {@code rpm:}, requests-per-minute budget of this endpoint
 * @param price          {@code price:}, what this endpoint's tokens cost
 * @param serviceTier    {@code service_tier:}, the tier to ask for (the default of {@code --service-tier})
 * @param api            {@code api:}, chat or responses; null when not written (chat unless {@code --api})
 */
public record EndpointSpec(String name, Provider provider, String url, String deployment, String model,
                           String apiVersion, String keyEnv, String maxTokensField,
                           Double weight, Integer tpm, Integer rpm, Price price, ServiceTier serviceTier, Api api) {

    /** A spec that does not name its API. */
    public EndpointSpec(String name, Provider provider, String url, String deployment, String model,
                        String apiVersion, String keyEnv, String maxTokensField,
                        Double weight, Integer tpm, Integer rpm, Price price, ServiceTier serviceTier) {
        this(name, provider, url, deployment, model, apiVersion, keyEnv, maxTokensField, weight, tpm, rpm, price,
                serviceTier, null);
    }

    /** A spec without a service tier. */
    public EndpointSpec(String name, Provider provider, String url, String deployment, String model,
                        String apiVersion, String keyEnv, String maxTokensField,
                        Double weight, Integer tpm, Integer rpm, Price price) {
        this(name, provider, url, deployment, model, apiVersion, keyEnv, maxTokensField, weight, tpm, rpm, price,
                null);
    }

    /** A spec without a price. */
    public EndpointSpec(String name, Provider provider, String url, String deployment, String model,
                        String apiVersion, String keyEnv, String maxTokensField,
                        Double weight, Integer tpm, Integer rpm) {
        this(name, provider, url, deployment, model, apiVersion, keyEnv, maxTokensField, weight, tpm, rpm, null);
    }
}
