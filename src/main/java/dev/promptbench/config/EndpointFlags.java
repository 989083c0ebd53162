package dev.promptbench.config;

import dev.promptbench.client.Api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoint-related command-line flags exactly as given; null means the flag was not passed.
 *
 * @param endpoint       {@code --endpoint}: a base URL, or a full Azure chat-completions URL
 * @param deployment     {@code --deployment}: the Azure deployment name
 * @param apiVersion     {@code --api-version}: the Azure api-version
 * @param model          {@code --model}: the model sent in the body (OpenAI and compatible servers)
 * @param provider       {@code --provider}: the API a bare --endpoint speaks
 * @param configFile     {@code --config}: the YAML profiles file
 * @param profile        {@code --profile}: the profile to use from that file
 * @param maxTokensField {@code --max-tokens-field}: {@code max_tokens} or {@code max_completion_tokens}
 * @param access         {@code --auth}, {@code --token-command} and {@code --header}s: how requests authenticate
 * @param api            {@code --api}: chat completions or the Responses API, for every endpoint; null to
 *                       let each profile endpoint's {@code api:} decide (chat when it says nothing)
 */
public record EndpointFlags(String endpoint, String deployment, String apiVersion, String model,
                            Provider provider, Path configFile, String profile, String maxTokensField,
                            Access access, Api api) {

    public EndpointFlags {
        access = access == null ? Access.NONE : access;
    }

    /** The endpoint flags without auth flags, extra headers or {@code --api}. */
    public EndpointFlags(String endpoint, String deployment, String apiVersion, String model, Provider provider,
                         Path configFile, String profile, String maxTokensField) {
        this(endpoint, deployment, apiVersion, model, provider, configFile, profile, maxTokensField, Access.NONE,
                null);
    }

    /** No flag given: the environment and the config file decide. */
    public static EndpointFlags none() {
        return new EndpointFlags(null, null, null, null, null, null, null, null);
    }

    /** A copy with the auth flags and extra headers given. */
    public EndpointFlags withAuth(Auth authFlag, String tokenCommandFlag, Map<String, String> headerFlags) {
        return new EndpointFlags(endpoint, deployment, apiVersion, model, provider, configFile, profile,
                maxTokensField, new Access(authFlag, tokenCommandFlag, headerFlags), api);
    }

    /** A copy with {@code --api} given (null: not given). */
    public EndpointFlags withApi(Api apiFlag) {
        return new EndpointFlags(endpoint, deployment, apiVersion, model, provider, configFile, profile,
                maxTokensField, access, apiFlag);
    }

    /** Whether a flag that picks or describes an endpoint was given (the simulator is then off). */
    public boolean namesAnEndpoint() {
        return endpoint != null || deployment != null || model != null || provider != null || profile != null;
    }

    /**
     * How requests authenticate, as flagged; its toString redacts the token command and header values (the
     * record's own would print them).
     *
     * @param auth         {@code --auth}: key or Entra ID; null to decide from what is set
     * @param tokenCommand {@code --token-command}: a shell command that prints an Entra ID access token
     *                     (never printed: it may hold a secret of its own)
     * @param headers      {@code --header}s: extra headers for every endpoint, in the order given (values
     *                     never printed); empty when none
     */
    public record Access(Auth auth, String tokenCommand, Map<String, String> headers) {
        static final Access NONE = new Access(null, null, Map.of());

        public Access {
            headers = headers == null || headers.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        @Override
        public String toString() {
            return "auth=" + auth + ", tokenCommand=" + (tokenCommand == null ? null : "***") + ", headers="
                    + headers.keySet();
        }
    }

    @Override
    public String toString() {
        return "EndpointFlags[endpoint=" + endpoint + ", deployment=" + deployment + ", apiVersion=" + apiVersion
                + ", model=" + model + ", provider=" + provider + ", configFile=" + configFile + ", profile=" + profile
                + ", maxTokensField=" + maxTokensField + ", api=" + api + ", " + access + "]";
    }
}
