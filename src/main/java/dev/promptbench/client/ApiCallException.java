package dev.promptbench.client;

import java.io.IOException;

/** A download that the service refused: the reply says why. */
public final class ApiCallException extends IOException {
    private final transient ApiReply reply;

    public ApiCallException(ApiReply reply) {
        super("HTTP " + reply.status() + (reply.message() == null ? "" : ": " + reply.message()));
        this.reply = reply;
    }

    public ApiReply reply() { return reply; }
}
