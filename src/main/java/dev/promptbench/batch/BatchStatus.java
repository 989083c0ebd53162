package dev.promptbench.batch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a batch is in its life; read case-insensitively, since Azure capitalises ("Completed"). */
public enum BatchStatus {
    /** Not created yet: waiting for the enqueued-token quota, or about to be created. */
    WAITING("waiting", false),
    VALIDATING("validating", false),
    IN_PROGRESS("in_progress", false),
    FINALIZING("finalizing", false),
    COMPLETED("completed", true),
    /** Rejected as a whole (validation, quota): the errors list says why. */
    FAILED("failed", true),
    /** The window ran out; finished lines are still in the output. */
    EXPIRED("expired", true),
    CANCELLING("cancelling", false),
    CANCELLED("cancelled", true),
    /** A status this client does not know: treated as still running. */
    UNKNOWN("unknown", false);

    private final String wireName;
    private final boolean ended;

    BatchStatus(String wireName, boolean ended) {
        this.wireName = wireName;
        this.ended = ended;
    }

    /** The lowercase name used by the API and the state file. */
    @JsonValue
    public String wireName() { return wireName; }

    /** True when the batch will not change any more. */
    public boolean ended() { return ended; }

    /** Reads a status as the service spells it: any case, "in progress" or "inProgress" too. */
    @JsonCreator
    public static BatchStatus parse(String text) {
        if (text == null) return UNKNOWN;
        String key = text.strip().replaceAll("([a-z])([A-Z])", "$1_$2").replace(' ', '_').toLowerCase(Locale.ROOT);
        for (BatchStatus status : values()) {
            if (status.wireName.equals(key)) return status;
        }
        return UNKNOWN;
    }
}
