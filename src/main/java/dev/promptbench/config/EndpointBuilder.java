package dev.promptbench.config;

import dev.promptbench.client.Api;
import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.Credential;
import dev.promptbench.client.Endpoint;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds one endpoint from the layers that may each set a value, in precedence order: flags, an
 * explicitly named profile, the environment, the config's default profile, built-in defaults.
 */
final class EndpointBuilder {
    private static final Pattern DEPLOYMENT_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9._-]+");

    /** Where the chosen URL came from: what a pasted full URL says ranks with that layer. */
    private enum Layer { FLAG, NAMED_PROFILE, ENVIRONMENT, DEFAULT_PROFILE, BUILT_IN }

    private final EndpointFlags flags;
    private final Environment env;
    private final ProviderChoice providers;
    private final KeyReader keys;

    /** {@code clock} is the wall clock a token's expiry is compared with. */
    EndpointBuilder(EndpointFlags flags, Provider forcedProvider, Environment env, Clock clock) {
        this.flags = flags;
        this.env = env;
        this.providers = new ProviderChoice(flags, forcedProvider, env);
        this.keys = new KeyReader(env, flags, clock);
    }

    /**
     * @param spec      the profile's endpoint, or null when no profile is in play
     * @param specNamed true when the profile was named with --profile (it then outranks the environment)
     * @param specLabel e.g. {@code profile 'pool', endpoint east}, for provenance and messages
     * @param lines     receives the provenance lines, each starting with {@code linePrefix}
     */
    Endpoint build(String name, EndpointSpec spec, boolean specNamed, String specLabel,
                   List<String> lines, String linePrefix) {
        Provenance out = new Provenance(lines, linePrefix);
        String fromSpec = "from " + specLabel;
        Setting<URI> specUrl = spec == null || spec.address().url() == null ? null
                : new Setting<>(EndpointUrls.parse(spec.address().url(), "url of " + specLabel), fromSpec);
        Setting<Provider> specProvider = spec == null ? null : Setting.of(spec.provider() != null ? spec.provider()
                : specUrl == null ? null : EndpointUrls.inferProvider(specUrl.value()).orElse(null), fromSpec);
        URI flagUri = flags.endpoint() == null ? null : EndpointUrls.parse(flags.endpoint(), "--endpoint");
        Setting<URI> flagUrl = Setting.of(flagUri, "from --endpoint");

        Setting<Provider> provider = providers.choose(flagUri, specNamed ? specProvider : null,
                specNamed ? null : specProvider);
        Setting<URI> envUrl = environmentUrl(provider.value());
        Setting<URI> builtInUrl = provider.value() == Provider.OPENAI
                ? new Setting<>(EndpointUrls.OPENAI_BASE, "default for OpenAI") : null;
        Setting<URI> url = first(flagUrl, specNamed ? specUrl : null, envUrl, specNamed ? null : specUrl, builtInUrl);
        if (url == null) {
            throw new ConfigException(env.has(Environment.AZURE_KEY)
                    ? Environment.AZURE_KEY + " is set but no endpoint: set " + Environment.AZURE_ENDPOINT
                      + " or pass --endpoint"
                    : "no Azure endpoint (provider azure " + provider.source() + "): set "
                      + Environment.AZURE_ENDPOINT + " or pass --endpoint");
        }
        // Compared by identity: which candidate won tells the layer, even if two layers hold the same URL.
        Layer urlLayer = url == flagUrl ? Layer.FLAG : url == envUrl ? Layer.ENVIRONMENT : url == builtInUrl
                ? Layer.BUILT_IN : specNamed ? Layer.NAMED_PROFILE : Layer.DEFAULT_PROFILE;
        out.add(provider.line("provider"));
        if (urlLayer == Layer.ENVIRONMENT && provider.value() == Provider.AZURE
                && env.has(Environment.OPENAI_BASE_URL)) {
            out.add("$" + Environment.OPENAI_BASE_URL + " ignored: $" + Environment.AZURE_ENDPOINT
                    + " is set too (pass --provider openai to use it)");
        }

        Picker pick = new Picker(urlLayer, spec, specNamed, fromSpec);
        String maxTokensFlag = flags.maxTokensField();
        Setting<String> maxTokensField = pick.first(Setting.of(maxTokensFlag, "from --max-tokens-field"), null,
                spec == null ? null : Setting.of(spec.maxTokensField(), fromSpec), null);

        Endpoint endpoint = provider.value() == Provider.AZURE
                ? azure(name, url, pick, maxTokensField, spec, specLabel, out)
                : openAi(name, url, provider, spec, fromSpec, specLabel, maxTokensField, out);
        endpoint = withHeaders(endpoint, out);
        Setting<Api> api = first(Setting.of(flags.api(), "from --api"),
                spec == null ? null : Setting.of(spec.api(), fromSpec), new Setting<>(Api.CHAT, "default"));
        if (api.value() != Api.CHAT || !api.source().equals("default")) {
            out.add("api = " + api.value().wireName() + " (" + api.source() + ")");
        }
        endpoint = endpoint.withApi(api.value());
        URI requestUrl = endpoint.requestUrl();
        out.add("url = " + EndpointUrls.display(requestUrl) + (endpoint.style().isAzure()
                && requestUrl.getRawQuery() != null ? "?" + requestUrl.getRawQuery() : ""));
        return spec == null ? endpoint : endpoint.withRates(spec.rates().weight() != null ? spec.rates().weight() : 1,
                spec.rates().tpm(), spec.rates().rpm());
    }

    /**
     * The {@code --header}s on the endpoint, each shown as {@code ***}. One named like the credential header
     * is refused: a second {@code api-key} or {@code Authorization} would replace the key or token.
     */
    private Endpoint withHeaders(Endpoint endpoint, Provenance out) {
        Map<String, String> headers = flags.access().headers();
        if (headers.isEmpty()) {
            return endpoint;
        }
        String credentialHeader = endpoint.credential().headerName();
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase(credentialHeader)) {
                throw new ConfigException("--header " + name + " is refused: promptbench sends " + credentialHeader
                        + " itself (" + endpoint.credential().describe() + "); set the key variable, or use"
                        + " --auth entra with $" + Environment.AZURE_AD_TOKEN + " or --token-command");
            }
            out.add("header " + name + " = *** (from --header)");
        }
        return endpoint.withHeaders(headers);
    }

    private Setting<URI> environmentUrl(Provider provider) {
        String variable = provider == Provider.AZURE ? Environment.AZURE_ENDPOINT : Environment.OPENAI_BASE_URL;
        String value = env.get(variable);
        return value == null ? null : new Setting<>(EndpointUrls.parse(value, "$" + variable), "from $" + variable);
    }

    private Endpoint azure(String name, Setting<URI> url, Picker pick, Setting<String> maxTokensFlag,
                           EndpointSpec spec, String specLabel, Provenance out) {
        AzureAddress address = EndpointUrls.azureAddress(url.value());
        String pastedSource = url.source() + " URL";
        out.add("endpoint = " + EndpointUrls.display(address.resource()) + " (" + url.source() + ")");
        Setting<String> deployment = pick.first(Setting.of(flags.deployment(), "from --deployment"),
                Setting.of(address.deployment(), pastedSource),
                spec == null ? null : Setting.of(spec.address().deployment(), pick.fromSpec),
                env.setting(Environment.AZURE_DEPLOYMENT));
        if (deployment == null && address.v1()) {
            // On the v1 route the deployment travels as "model", so --model names it just as well.
            deployment = pick.first(Setting.of(flags.model(), "from --model"), null,
                    spec == null ? null : Setting.of(spec.address().model(), pick.fromSpec), null);
        }
        if (deployment == null) {
            throw new ConfigException("Azure endpoint " + EndpointUrls.display(address.resource())
                    + " needs a deployment: pass --deployment or set " + Environment.AZURE_DEPLOYMENT
                    + (spec == null ? "" : " or add deployment: to " + specLabel));
        }
        requireMatch(DEPLOYMENT_NAME, deployment, "deployment",
                "an Azure deployment name (letters, digits, . _ -)");
        out.add(deployment.line("deployment"));

        Setting<String> apiVersion;
        if (address.v1()) {
            // The v1 route has no monthly versions: only an explicit --api-version (e.g. preview) is sent.
            apiVersion = first(Setting.of(flags.apiVersion(), "from --api-version"),
                    Setting.of(address.apiVersion(), pastedSource));
        } else {
            apiVersion = first(pick.first(Setting.of(flags.apiVersion(), "from --api-version"),
                            Setting.of(address.apiVersion(), pastedSource),
                            spec == null ? null : Setting.of(spec.address().apiVersion(), pick.fromSpec),
                            env.setting(Environment.API_VERSION)),
                    new Setting<>(EndpointUrls.DEFAULT_API_VERSION, "default"));
        }
        if (apiVersion != null) {
            requireMatch(API_VERSION, apiVersion, "api-version", "an api-version such as 2024-10-21");
            out.add(apiVersion.line("api-version"));
        } else {
            out.add("api-version = none (the /openai/v1 route needs none)");
        }
        if (!address.v1() && flags.model() != null) {
            out.add("model = " + flags.model() + " ignored (the deployment route picks the model by deployment)");
        }
        String version = apiVersion == null ? null : apiVersion.value();
        Setting<String> field = first(maxTokensFlag, new Setting<>(
                EndpointUrls.defaultMaxTokensField(Provider.AZURE, url.value(), version), "default for Azure"
                + (address.v1() ? "" : " api-version " + version)));
        out.add(field.line("max-tokens field"));
        URI chatUrl = address.chatUrl() != null
                ? EndpointUrls.givenChatUrl(address.chatUrl(), address.deployment(), version)
                : address.v1() ? EndpointUrls.azureV1ChatUrl(address.resource(), version)
                : EndpointUrls.azureDeploymentChatUrl(address.resource(), deployment.value(), version);
        Credential credential = keys.read(Provider.AZURE, url.value(), spec, specLabel, out);
        return new Endpoint(name, address.v1() ? ApiStyle.AZURE_V1 : ApiStyle.AZURE_DEPLOYMENT, chatUrl,
                deployment.value(), address.v1() ? deployment.value() : null, field.value(), credential, false);
    }

    private Endpoint openAi(String name, Setting<URI> url, Setting<Provider> provider, EndpointSpec spec,
                            String fromSpec, String specLabel, Setting<String> maxTokensFlag, Provenance out) {
        out.add("endpoint = " + EndpointUrls.display(url.value()) + " (" + url.source() + ")");
        Setting<String> specModel = spec == null ? null : Setting.of(spec.address().model(), fromSpec);
        Setting<String> model = first(Setting.of(flags.model(), "from --model"), specModel);
        if (model == null) {
            String display = EndpointUrls.display(url.value());
            boolean onlyKey = provider.source().equals("from $" + Environment.OPENAI_KEY) && spec == null;
            throw new ConfigException(onlyKey
                    ? Environment.OPENAI_KEY + " is set, so promptbench targets " + display
                      + ", which needs a model: pass --model (or --profile simulator for the built-in simulator)"
                    : "OpenAI-compatible endpoint " + display + " needs a model: pass --model"
                      + (spec == null ? "" : " or add model: to " + specLabel));
        }
        out.add(model.line("model"));
        if (flags.deployment() != null) {
            out.add("deployment = " + flags.deployment() + " ignored (OpenAI-style endpoints take --model)");
        }
        String hostKind = url.value().getHost().equalsIgnoreCase("api.openai.com")
                ? "default for api.openai.com" : "default for OpenAI-compatible servers";
        Setting<String> field = first(maxTokensFlag, new Setting<>(
                EndpointUrls.defaultMaxTokensField(Provider.OPENAI, url.value(), null), hostKind));
        out.add(field.line("max-tokens field"));
        Credential credential = keys.read(Provider.OPENAI, url.value(), spec, specLabel, out);
        return new Endpoint(name, ApiStyle.OPENAI, EndpointUrls.openAiChatUrl(url.value()), null, model.value(),
                field.value(), credential, false);
    }

    private static void requireMatch(Pattern pattern, Setting<String> setting, String what, String expected) {
        if (!pattern.matcher(setting.value()).matches()) {
            throw new ConfigException(what + " '" + setting.value() + "' (" + setting.source() + ") is not "
                    + expected);
        }
    }

    @SafeVarargs
    private static <T> Setting<T> first(Setting<T>... candidates) {
        for (Setting<T> candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Orders one field's candidates by precedence; a value pasted in the chosen URL ranks just below
     * the explicit value of the same layer, so {@code --deployment} still beats a pasted deployment.
     */
    private static final class Picker {
        private final Layer urlLayer;
        private final boolean specNamed;
        private final String fromSpec;

        Picker(Layer urlLayer, EndpointSpec spec, boolean specNamed, String fromSpec) {
            this.urlLayer = urlLayer;
            this.specNamed = spec != null && specNamed;
            this.fromSpec = fromSpec;
        }

        <T> Setting<T> first(Setting<T> flag, Setting<T> pasted, Setting<T> spec, Setting<T> environment) {
            List<Setting<T>> order = new ArrayList<>();
            order.add(flag);
            order.add(urlLayer == Layer.FLAG ? pasted : null);
            order.add(specNamed ? spec : null);
            order.add(urlLayer == Layer.NAMED_PROFILE ? pasted : null);
            order.add(environment);
            order.add(urlLayer == Layer.ENVIRONMENT ? pasted : null);
            order.add(specNamed ? null : spec);
            order.add(urlLayer == Layer.DEFAULT_PROFILE ? pasted : null);
            return order.stream().filter(Objects::nonNull).findFirst().orElse(null);
        }
    }
}
