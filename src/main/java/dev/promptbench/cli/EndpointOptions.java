package dev.promptbench.cli;

import dev.promptbench.app.OutputFiles;
import dev.promptbench.client.Api;
import dev.promptbench.config.EndpointFlags;
import dev.promptbench.config.Provider;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where requests go: flags that override profiles and environment variables. */
final class EndpointOptions {
    @Option(names = "--endpoint", paramLabel = "URL", order = 20,
            description = "Azure resource URL, Azure v1 URL (…/openai/v1), OpenAI-compatible base URL "
                    + "(…/v1), or a full Azure chat-completions URL.")
    String endpoint;

    @Option(names = "--deployment", paramLabel = "NAME", order = 21,
            description = "Azure deployment name (env: AZURE_OPENAI_DEPLOYMENT).")
    String deployment;

    @Option(names = "--api-version", paramLabel = "V", order = 22,
            description = "Azure api-version (env: OPENAI_API_VERSION; default 2024-10-21).")
    String apiVersion;

    @Option(names = "--model", paramLabel = "NAME", order = 23,
            description = "Model for OpenAI and compatible servers (sent as 'model').")
    String model;

    @Option(names = "--provider", paramLabel = "azure|openai", order = 24, converter = WireNameConverter.ProviderName.class,
            description = "Which API a bare --endpoint speaks, when the URL does not tell.")
    Provider provider;

    @Option(names = "--config", paramLabel = "FILE", order = 25,
            description = "YAML file with named profiles (env: PROMPTBENCH_CONFIG).")
    Path config;

    @Option(names = "--profile", paramLabel = "NAME", order = 26, description = "Profile of the --config file.")
    String profile;

    @Option(names = "--max-tokens-field", paramLabel = "NAME", order = 27,
            description = "Body field for --max-tokens: max_completion_tokens (Azure, OpenAI) or max_tokens "
                    + "(other compatible servers); default chosen by endpoint.")
    String maxTokensField;

    @Option(names = "--api", paramLabel = "chat|responses", order = 28, converter = WireNameConverter.ApiName.class,
            description = "chat completions (default) or the Responses API ({base}/responses; Azure: /openai/v1/"
                    + "responses with the deployment as model). Profile key: api.")
    Api api;

    /** The {@code --config} file, which is read and never written. */
    OutputFiles.Input configInput() {
        return new OutputFiles.Input("the --config file", config);
    }

    EndpointFlags flags() {
        if (maxTokensField != null && !maxTokensField.equals("max_tokens")
                && !maxTokensField.equals("max_completion_tokens")) {
            throw new UsageException("--max-tokens-field must be max_tokens or max_completion_tokens (got '"
                    + maxTokensField + "')");
        }
        return new EndpointFlags(endpoint, deployment, apiVersion, model, provider, config, profile, maxTokensField)
                .withApi(api);
    }
}
