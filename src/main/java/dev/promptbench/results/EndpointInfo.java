package dev.promptbench.results;

/**
 * What a report says about an endpoint: never its credential.
 *
 * @param name       the endpoint's name
 * @param kind       azure, openai or simulator
 * @param url        the request URL without its query string
 * @param deployment the Azure deployment, or null
 * @param model      the model sent in the body, or null
 * @param protocol   the negotiated HTTP protocol (http/1.1, h2), or null when unknown
 */
public record EndpointInfo(String name, String kind, String url, String deployment, String model, String protocol) {}
