package dev.promptbench.results.request;

/** The final state of one request in a results file. */
public enum RequestStatus {
    /** Answered. */
    OK("ok"),
    /** Ended in a classified error. */
    ERROR("error"),
    /** Answered, but the service cut the completion for content filtering. */
    FILTERED("filtered"),
    /** Never sent: the run was cancelled or stopped before this prompt's turn. */
    NOT_RUN("not_run");

    private final String wireName;

    RequestStatus(String wireName) { this.wireName = wireName; }

    public String wireName() { return wireName; }
}
