package dev.promptbench.cli;

import dev.promptbench.run.RequestSettings;
import picocli.CommandLine.Option;

/** The API fields sent with each request: only those given are sent. */
final class RequestOptions {
    @Option(names = "--role", paramLabel = "user|system", defaultValue = "user", order = 40,
            description = "Role of each .txt prompt's message (default: ${DEFAULT-VALUE}).")
    String role = "user";

    @Option(names = "--system", paramLabel = "TEXT", order = 41,
            description = "A system message put before each prompt.")
    String system;

    @Option(names = "--temperature", paramLabel = "T", order = 42, description = "Sampling temperature, 0..2.")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", order = 43, description = "Nucleus sampling, 0..1.")
    Double topP;

    @Option(names = "--seed", paramLabel = "N", order = 44, description = "The API's best-effort determinism seed.")
    Long seed;

    @Option(names = "--stream", order = 46,
            description = "Stream answers (SSE) and measure time to first token and time per output token.")
    boolean stream;

    @Option(names = "--cache-bust", order = 47,
            description = "Start each prompt with a unique nonce, so the service's prompt cache cannot favour the "
                    + "mode that runs second.")
    boolean cacheBust;

    @Option(names = "--max-tokens", paramLabel = "N", order = 45,
            description = "Completion limit per request (sent as max_completion_tokens or max_tokens).")
    Integer maxTokens;

    void validate() {
        if (!"user".equals(role) && !"system".equals(role)) {
            throw new UsageException("--role must be user or system (got '" + role + "')");
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new UsageException("--temperature must be between 0 and 2 (got " + temperature + ")");
        }
        if (topP != null && (topP < 0 || topP > 1)) {
            throw new UsageException("--top-p must be between 0 and 1 (got " + topP + ")");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new UsageException("--max-tokens must be at least 1 (got " + maxTokens + ")");
        }
    }

    RequestSettings settings() {
        return new RequestSettings(temperature, topP, seed, maxTokens, stream, cacheBust);
    }
}
