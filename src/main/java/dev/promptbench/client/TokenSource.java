package dev.promptbench.client;

/** Where a fresh bearer token comes from: a command such as the Azure CLI, or a fixed value. */
@FunctionalInterface
public interface TokenSource {
    /**
     * A token, fetched now. Never print, log or store it.
     *
     * @throws TokenException with a one-line message that holds no token
     */
    String fetch();
}
