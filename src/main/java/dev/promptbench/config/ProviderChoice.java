package dev.promptbench.config;

import java.net.URI;

/**
 * Decides whether an endpoint is Azure or OpenAI-style before anything else is looked up, because
 * which environment variables count (AZURE_OPENAI_ENDPOINT or OPENAI_BASE_URL) depends on it.
 */
final class ProviderChoice {
    private final EndpointFlags flags;
    private final Provider forced;
    private final Environment env;

    ProviderChoice(EndpointFlags flags, Provider forced, Environment env) {
        this.flags = flags;
        this.forced = forced;
        this.env = env;
    }

    /**
     * @param flagUrl  the parsed {@code --endpoint}, or null
     * @param named    what the profile named with --profile says, or null
     * @param fallback what the config's default profile says, or null
     */
    Setting<Provider> choose(URI flagUrl, Setting<Provider> named, Setting<Provider> fallback) {
        if (forced != null) {
            return new Setting<>(forced, "from --provider");
        }
        if (flagUrl != null) {
            Setting<Provider> inferred = Setting.of(EndpointUrls.inferProvider(flagUrl).orElse(null),
                    "inferred from --endpoint");
            Setting<Provider> chosen = inferred != null ? inferred : named;
            // Only Azure addresses a deployment: --deployment without --model says which the host is.
            if (chosen == null && flags.deployment() != null && flags.model() == null) {
                chosen = new Setting<>(Provider.AZURE, "inferred from --deployment");
            }
            if (chosen == null) {
                throw new ConfigException("cannot tell whether " + EndpointUrls.display(flagUrl)
                        + " is Azure or OpenAI-compatible: add --provider azure or --provider openai");
            }
            return chosen;
        }
        if (named != null) {
            return named;
        }
        if (env.has(Environment.AZURE_ENDPOINT)) {
            return new Setting<>(Provider.AZURE, "from $" + Environment.AZURE_ENDPOINT);
        }
        if (env.has(Environment.OPENAI_BASE_URL)) {
            return new Setting<>(Provider.OPENAI, "from $" + Environment.OPENAI_BASE_URL);
        }
        if (fallback != null) {
            return fallback;
        }
        // A global OPENAI_API_KEY means api.openai.com, unless the rest clearly says Azure.
        boolean azureHints = env.has(Environment.AZURE_KEY) || env.has(Environment.AZURE_DEPLOYMENT)
                || flags.deployment() != null;
        if (env.has(Environment.OPENAI_KEY) && (!azureHints || flags.model() != null)) {
            return new Setting<>(Provider.OPENAI, "from $" + Environment.OPENAI_KEY);
        }
        throw new ConfigException(noEndpoint());
    }

    private String noEndpoint() {
        String azureFix = ": set " + Environment.AZURE_ENDPOINT + " or pass --endpoint";
        if (env.has(Environment.AZURE_KEY)) {
            return Environment.AZURE_KEY + " is set but no endpoint" + azureFix;
        }
        if (env.has(Environment.AZURE_DEPLOYMENT)) {
            return Environment.AZURE_DEPLOYMENT + " is set but no endpoint" + azureFix;
        }
        if (flags.deployment() != null) {
            return "--deployment given but no endpoint" + azureFix;
        }
        return "--model given but no endpoint: pass --endpoint, set " + Environment.OPENAI_BASE_URL + " or "
                + Environment.OPENAI_KEY + ", or use --profile";
    }
}
