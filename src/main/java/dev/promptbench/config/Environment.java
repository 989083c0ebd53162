package dev.promptbench.config;

import java.util.Map;

/** Read access to environment variables where a blank value counts as not set. */
final class Environment {
    static final String AZURE_ENDPOINT = "AZURE_OPENAI_ENDPOINT";
    static final String AZURE_KEY = "AZURE_OPENAI_API_KEY";
    /** A Microsoft Entra ID access token, the name the OpenAI SDKs use for it. */
    static final String AZURE_AD_TOKEN = "AZURE_OPENAI_AD_TOKEN";
    static final String AZURE_DEPLOYMENT = "AZURE_OPENAI_DEPLOYMENT";
    static final String API_VERSION = "OPENAI_API_VERSION";
    static final String OPENAI_KEY = "OPENAI_API_KEY";
    static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
    static final String CONFIG = "PROMPTBENCH_CONFIG";

    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The trimmed value, or null when unset or blank (a pasted key often carries a newline). */
    String get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    boolean has(String name) { return get(name) != null; }

    /** A non-secret variable as a setting whose source is {@code from $NAME}. */
    Setting<String> setting(String name) {
        return Setting.of(get(name), "from $" + name);
    }
}
