package dev.promptbench.config;

import java.net.URI;

/**
 * An Azure endpoint URL taken apart: the resource (or gateway) base to build routes on, which route
 * it names, and what a pasted full chat-completions URL already says.
 *
 * @param resource   scheme, host, port and any gateway path prefix, without {@code /openai/...}
 * @param v1         true for the {@code /openai/v1} route
 * @param deployment the deployment named in a pasted {@code /openai/deployments/{name}/...} URL, or null
 * @param apiVersion the {@code api-version} query parameter of a pasted URL, or null
 * @param chatUrl    a full chat-completions URL of another shape (a gateway's, Azure's spec path without
 *                   {@code /openai}), used as given; null for the shapes promptbench builds itself
 */
public record AzureAddress(URI resource, boolean v1, String deployment, String apiVersion, URI chatUrl) {

    /** An address whose chat URL promptbench builds. */
    public AzureAddress(URI resource, boolean v1, String deployment, String apiVersion) {
        this(resource, v1, deployment, apiVersion, null);
    }
}
