package dev.promptbench.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptbench.client.Api;
import dev.promptbench.results.request.ServiceTier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Turns one YAML profile into a {@link Profile}, rejecting unknown keys and keys written as values. */
final class ProfileReader {
    private static final List<String> ENDPOINT_KEYS = List.of("provider", "url", "deployment", "model",
            "api_version", "key_env", "max_tokens_field", "weight", "tpm", "rpm", "price", "service_tier", "api");
    private static final Set<String> SINGLE_KEYS = union(ENDPOINT_KEYS, "endpoints");
    private static final Set<String> LISTED_KEYS = union(ENDPOINT_KEYS, "name");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final String KEYS_FROM_ENV =
            "keys are read only from environment variables: use key_env: NAME_OF_THE_VARIABLE";

    private final String source;

    ProfileReader(String source) {
        this.source = source;
    }

    Profile profile(String name, JsonNode node) {
        String where = "in profile '" + name + "'";
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw fail(where, "expected a mapping of endpoint settings (url:, provider:, ...)");
        }
        checkKeys(node, SINGLE_KEYS, where);
        if ("simulator".equalsIgnoreCase(text(node, "provider", where))) {
            if (node.size() > 1) {
                throw fail(where, "provider: simulator takes no other keys");
            }
            return new Profile(name, true, List.of());
        }
        JsonNode list = node.get("endpoints");
        if (list == null) {
            return new Profile(name, false, List.of(endpoint(null, node, where)));
        }
        if (node.size() > 1) {
            throw fail(where, "endpoints: cannot be mixed with endpoint keys at the profile level;"
                    + " put them in each entry of the list");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw fail(where, "endpoints: must be a list with at least one endpoint");
        }
        List<EndpointSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String entryWhere = where + ", endpoint " + (i + 1);
            if (!entry.isObject()) {
                throw fail(entryWhere, "expected a mapping of endpoint settings");
            }
            checkKeys(entry, LISTED_KEYS, entryWhere);
            String entryName = text(entry, "name", entryWhere);
            entryName = entryName == null ? "endpoint-" + (i + 1) : entryName;
            if (!names.add(entryName)) {
                throw fail(entryWhere, "the name '" + entryName + "' is used twice in this list");
            }
            specs.add(endpoint(entryName, entry, entryWhere));
        }
        return new Profile(name, false, specs);
    }

    void checkKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (known.contains(key)) {
                continue;
            }
            if (looksLikeSecret(key)) {
                throw fail(where, "'" + key + "' is not allowed: " + KEYS_FROM_ENV);
            }
            throw fail(where, "unknown key '" + key + "' (known keys: "
                    + String.join(", ", new TreeSet<>(known)) + ")");
        }
    }

    String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw fail(where, "'" + key + "' must be text");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private EndpointSpec endpoint(String name, JsonNode node, String where) {
        String providerText = text(node, "provider", where);
        Provider provider = null;
        if (providerText != null) {
            provider = Provider.parse(providerText).orElseThrow(() -> fail(where, "provider must be azure or openai"
                    + (name == null ? " or simulator" : "") + ", not '" + providerText + "'"));
        }
        String urlText = text(node, "url", where);
        if (urlText == null && provider == null) {
            throw fail(where, "needs url: (or provider: openai for https://api.openai.com/v1)");
        }
        if (urlText != null) {
            var url = EndpointUrls.parse(urlText, source + ": url " + where);
            if (provider == null && EndpointUrls.inferProvider(url).isEmpty()) {
                throw fail(where, "cannot tell whether " + EndpointUrls.display(url)
                        + " is Azure or OpenAI-compatible: add provider: azure or provider: openai");
            }
        }
        String keyEnv = text(node, "key_env", where);
        if (keyEnv != null && !VARIABLE_NAME.matcher(keyEnv).matches()) {
            // Not echoed: a value that is not a variable name may well be the key itself.
            throw fail(where, "key_env must be the NAME of an environment variable in capitals,"
                    + " like AZURE_OPENAI_API_KEY (the value is not shown in case it is a key)");
        }
        String maxTokensField = text(node, "max_tokens_field", where);
        if (maxTokensField != null && !EndpointUrls.isMaxTokensField(maxTokensField)) {
            throw fail(where, "max_tokens_field must be max_tokens or max_completion_tokens, not '"
                    + maxTokensField + "'");
        }
        String apiText = text(node, "api", where);
        Api api = Api.named(apiText);
        if (apiText != null && api == null) {
            throw fail(where, "api must be chat or responses, not '" + apiText + "'");
        }
        return new EndpointSpec(name, provider, new EndpointSpec.Address(urlText, text(node, "deployment", where),
                text(node, "model", where), text(node, "api_version", where)), keyEnv, maxTokensField,
                new EndpointSpec.Rates(positiveNumber(node, "weight", where), positiveInteger(node, "tpm", where),
                        positiveInteger(node, "rpm", where)),
                new PriceReader(source).price(node.get("price"), where), serviceTier(node, where), api);
    }

    private ServiceTier serviceTier(JsonNode node, String where) {
        String tier = text(node, "service_tier", where);
        if (tier == null) return null;
        return ServiceTier.parse(tier).orElseThrow(() -> fail(where,
                "service_tier must be auto, default, flex or priority, not '" + tier + "'"));
    }

    private Double positiveNumber(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !(value.doubleValue() > 0) || Double.isInfinite(value.doubleValue())) {
            throw fail(where, "'" + key + "' must be a positive number");
        }
        return value.doubleValue();
    }

    private Integer positiveInteger(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
            throw fail(where, "'" + key + "' must be a positive whole number");
        }
        return value.intValue();
    }

    /** api_key:, key:, apikey:, openai_key:, client_secret:, password: ... but not key_env. */
    private static boolean looksLikeSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('-', '_');
        return k.equals("key") || k.equals("apikey") || k.endsWith("_key") || k.contains("secret")
                || k.contains("password");
    }

    private ConfigException fail(String where, String problem) {
        return new ConfigException(source + ": " + where + ": " + problem);
    }

    private static Set<String> union(List<String> keys, String extra) {
        Set<String> set = new HashSet<>(keys);
        set.add(extra);
        return Set.copyOf(set);
    }
}
