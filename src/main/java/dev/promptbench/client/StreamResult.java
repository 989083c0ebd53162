package dev.promptbench.client;

/** How reading one answer ended: the {@link Answer}, or a classified failure. */
sealed interface StreamResult permits Answer, StreamResult.Failed {

    /**
     * The answer failed: an error event, an event that is not of the API's grammar, a failed response, or an end
     * before the stream's last event.
     *
     * @param kind   the classification
     * @param code   the service's error code from an error event, or null
     * @param detail what happened, not yet made safe to print
     */
    record Failed(ErrorKind kind, String code, String detail) implements StreamResult {}
}
