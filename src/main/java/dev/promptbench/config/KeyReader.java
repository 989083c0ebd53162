package dev.promptbench.config;

import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.Credential;
import java.net.URI;

/**
 * Finds an endpoint's key in the environment variable its profile names ({@code key_env}) or the
 * provider's standard one, and wraps it in the provider's header. The key itself is never shown.
 */
final class KeyReader {
    private final Environment env;

    KeyReader(Environment env) {
        this.env = env;
    }

    Credential read(Provider provider, URI url, EndpointSpec spec, String specLabel, Provenance out) {
        boolean fromProfile = spec != null && spec.keyEnv() != null;
        String variable = fromProfile ? spec.keyEnv()
                : provider == Provider.AZURE ? Environment.AZURE_KEY : Environment.OPENAI_KEY;
        String key = env.get(variable);
        String header = provider == Provider.AZURE ? "api-key = " : "Authorization = Bearer ";
        if (key == null) {
            if (EndpointUrls.isLoopback(url)) {
                // Local servers (Ollama, LM Studio, the simulator) need no key, so a placeholder goes out.
                out.add(header + "none (placeholder: local server and $" + variable + " is not set)");
                return credential(provider, "none", "a placeholder (local server, no key needed)");
            }
            throw new ConfigException("no API key for " + EndpointUrls.display(url) + ": set " + variable
                    + (fromProfile ? " (key_env of " + specLabel + ")" : ""));
        }
        out.add(header + "*** (from $" + variable + (fromProfile ? ", key_env of " + specLabel : "") + ")");
        return credential(provider, key, "$" + variable);
    }

    private static Credential credential(Provider provider, String key, String source) {
        return provider == Provider.AZURE
                ? ApiKeyCredential.azureKey(key, source) : ApiKeyCredential.bearer(key, source);
    }
}
