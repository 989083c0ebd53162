package dev.promptbench.config;

import dev.promptbench.client.ApiKeyCredential;
import dev.promptbench.client.Credential;
import dev.promptbench.client.TokenCommand;
import dev.promptbench.client.TokenCredential;
import dev.promptbench.client.TokenException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Finds how an endpoint authenticates: a key in the environment variable its profile names
 * ({@code key_env}) or the provider's standard one, wrapped in the provider's header; or, with
 * {@code --auth entra}, a Microsoft Entra ID token from {@code $AZURE_OPENAI_AD_TOKEN} or
 * {@code --token-command}, shared by every endpoint of the run. Secrets are never shown.
 *
 * <p>Without {@code --auth}: {@code --token-command} means Entra (a flag outranks the environment);
 * otherwise a key wins when its variable is set, and {@code $AZURE_OPENAI_AD_TOKEN} is used when no key is.
 */
final class KeyReader {
    /** What the message for a missing token suggests: the Azure CLI prints a token for the right scope. */
    static final String AZ_TOKEN_COMMAND = "az account get-access-token --resource https://cognitiveservices.azure.com"
            + " --query accessToken -o tsv";

    private final Environment env;
    private final EndpointFlags flags;
    private final Clock clock;
    private TokenCredential token;
    private String tokenLine;

    KeyReader(Environment env, EndpointFlags flags, Clock clock) {
        this.env = env;
        this.flags = flags;
        this.clock = clock;
        if (flags.access().auth() == Auth.KEY && flags.access().tokenCommand() != null) {
            throw new ConfigException("--token-command gives Entra ID tokens: it cannot be combined with --auth key");
        }
    }

    Credential read(Provider provider, URI url, EndpointSpec spec, String specLabel, Provenance out) {
        boolean fromProfile = spec != null && spec.keyEnv() != null;
        String variable = fromProfile ? spec.keyEnv()
                : provider == Provider.AZURE ? Environment.AZURE_KEY : Environment.OPENAI_KEY;
        String key = env.get(variable);
        String header = provider == Provider.AZURE ? "api-key = " : "Authorization = Bearer ";
        String why = entraBecause(key != null);
        if (why != null) {
            if (key != null) {
                out.add("$" + variable + " ignored: " + why);
            }
            return entra(out);
        }
        if (key == null) {
            if (EndpointUrls.isLoopback(url)) {
                // Local servers (Ollama, LM Studio, the simulator) need no key, so a placeholder goes out.
                out.add(header + "none (placeholder: local server and $" + variable + " is not set)");
                return credential(provider, "none", "a placeholder (local server, no key needed)");
            }
            throw new ConfigException("no API key for " + EndpointUrls.display(url) + ": set " + variable
                    + (fromProfile ? " (key_env of " + specLabel + ")" : "")
                    + (provider == Provider.AZURE ? ", or for Microsoft Entra ID set " + Environment.AZURE_AD_TOKEN
                       + " or pass --token-command" : ""));
        }
        if (env.has(Environment.AZURE_AD_TOKEN)) {
            out.add("$" + Environment.AZURE_AD_TOKEN + " ignored: $" + variable + " is set (pass --auth entra to"
                    + " use the token)");
        }
        out.add(header + "*** (from $" + variable + (fromProfile ? ", key_env of " + specLabel : "") + ")");
        return credential(provider, key, "$" + variable);
    }

    /** Why Entra ID is used ("--auth entra", ...), or null for key auth. */
    private String entraBecause(boolean keySet) {
        if (flags.access().auth() == Auth.ENTRA) {
            return "--auth entra";
        }
        if (flags.access().auth() == Auth.KEY) {
            return null;
        }
        if (flags.access().tokenCommand() != null) {
            return "--token-command is given";
        }
        return !keySet && env.has(Environment.AZURE_AD_TOKEN) ? "no key is set" : null;
    }

    private Credential entra(Provenance out) {
        if (token == null) {
            token = tokenCredential();
            tokenLine = "Authorization = Bearer *** (Entra ID token " + describeToken() + ")";
        }
        out.add(tokenLine);
        return token;
    }

    private TokenCredential tokenCredential() {
        String command = flags.access().tokenCommand();
        if (command != null) {
            if (command.isBlank()) {
                throw new ConfigException("--token-command is empty: give the command that prints a token, e.g. "
                        + AZ_TOKEN_COMMAND);
            }
            return TokenCredential.refreshing(new TokenCommand(command), "--token-command", clock);
        }
        String value = env.get(Environment.AZURE_AD_TOKEN);
        if (value == null) {
            throw new ConfigException("--auth entra needs a token: set " + Environment.AZURE_AD_TOKEN
                    + " or pass --token-command \"" + AZ_TOKEN_COMMAND + "\"");
        }
        return TokenCredential.fixed(value, "$" + Environment.AZURE_AD_TOKEN, clock);
    }

    /** Fetches the first token now, so a failing command stops the run before anything is sent. */
    private String describeToken() {
        Optional<Instant> expiry;
        try {
            expiry = token.check();
        } catch (TokenException e) {
            throw new ConfigException(e.getMessage());
        }
        Instant now = clock.instant();
        if (!token.refreshes()) {
            String from = "from $" + Environment.AZURE_AD_TOKEN;
            if (expiry.isEmpty()) {
                return from + "; not refreshed: a run longer than its lifetime needs --token-command";
            }
            if (!expiry.get().isAfter(now)) {
                throw new ConfigException("$" + Environment.AZURE_AD_TOKEN + " expired at " + time(expiry.get())
                        + ": get a new one, or pass --token-command \"" + AZ_TOKEN_COMMAND + "\" to fetch fresh ones");
            }
            return from + ", expires " + time(expiry.get()) + " (in " + minutes(now, expiry.get())
                    + "); not refreshed: a longer run needs --token-command";
        }
        return "from --token-command, fetched again " + TokenCredential.REFRESH_MARGIN.toMinutes()
                + " min before it expires" + expiry.map(at -> "; this one expires " + time(at)
                + " (in " + minutes(now, at) + ")").orElse("");
    }

    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String minutes(Instant from, Instant to) {
        long minutes = Duration.between(from, to).toMinutes();
        return minutes < 1 ? "under a minute" : minutes + " min";
    }

    private static Credential credential(Provider provider, String key, String source) {
        return provider == Provider.AZURE
                ? ApiKeyCredential.azureKey(key, source) : ApiKeyCredential.bearer(key, source);
    }
}
