package dev.promptbench.client;

/** The URL and body conventions of a chat-completions endpoint. */
public enum ApiStyle {
    /** {@code {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=V}, {@code api-key}. */
    AZURE_DEPLOYMENT,
    /** {@code {endpoint}/openai/v1/chat/completions}, deployment sent as {@code model}. */
    AZURE_V1,
    /** OpenAI and compatible servers: {@code {base}/chat/completions}, {@code model} in the body. */
    OPENAI;

    /** True for both Azure routes. */
    public boolean isAzure() { return this != OPENAI; }

    /** The provider word used in output: {@code azure} or {@code openai}. */
    public String provider() { return isAzure() ? "azure" : "openai"; }
}
