package dev.promptbench.config;

import java.nio.file.Path;

/**
 * The endpoint-related command-line flags exactly as given; null means the flag was not passed.
 *
 * @param endpoint       {@code --endpoint}: a base URL, or a full Azure chat-completions URL
 * @param deployment     {@code --deployment}: the Azure deployment name
 * @param apiVersion     {@code --api-version}: the Azure api-version
 * @param model          {@code --model}: the model sent in the body (OpenAI and compatible servers)
 * @param provider       {@code --provider}: {@code azure} or {@code openai}
 * @param configFile     {@code --config}: the YAML profiles file
 * @param profile        {@code --profile}: the profile to use from that file
 * @param maxTokensField {@code --max-tokens-field}: {@code max_tokens} or {@code max_completion_tokens}
 */
public record EndpointFlags(String endpoint, String deployment, String apiVersion, String model,
                            String provider, Path configFile, String profile, String maxTokensField) {

    /** No flag given: the environment and the config file decide. */
    public static EndpointFlags none() {
        return new EndpointFlags(null, null, null, null, null, null, null, null);
    }

    /** Whether a flag that picks or describes an endpoint was given (the simulator is then off). */
    public boolean namesAnEndpoint() {
        return endpoint != null || deployment != null || model != null || provider != null || profile != null;
    }
}
