package dev.promptbench.config;

/**
 * A configuration problem (flags, environment or config file) explained in one line; the CLI maps it
 * to exit code 2. The message never holds a key: only variable names and where a value came from.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
