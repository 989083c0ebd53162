package dev.promptbench.sim;

/**
 * Why a request body was refused: the message, parameter and code of the 400 answer. Thrown only
 * inside the simulator's validation, so it carries no stack trace.
 */
final class RequestRejection extends Exception {

    private final String param;
    private final String code;

    RequestRejection(String message, String param, String code) {
        super(message, null, false, false);
        this.param = param;
        this.code = code;
    }

    /** The offending request field, or null when the whole body is at fault. */
    String param() {
        return param;
    }

    /** The machine-readable error code, or null. */
    String code() {
        return code;
    }
}
