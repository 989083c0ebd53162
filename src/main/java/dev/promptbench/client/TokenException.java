package dev.promptbench.client;

/** A bearer token could not be had; the message is one line, safe to print, and never holds a token. */
public final class TokenException extends RuntimeException {
    public TokenException(String message) {
        super(message);
    }
}
