package dev.promptbench.sim;

/** Where a simulated batch is in its life, as the Batch API names it. */
enum BatchStatus {
    VALIDATING("validating"),
    FAILED("failed"),
    IN_PROGRESS("in_progress"),
    FINALIZING("finalizing"),
    COMPLETED("completed"),
    EXPIRED("expired"),
    CANCELLING("cancelling"),
    CANCELLED("cancelled");

    private final String wireName;

    BatchStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The status value on the wire; capitalised ("Completed") when reproducing Azure's quirk. */
    String wireName(boolean quirks) {
        return quirks ? Character.toUpperCase(wireName.charAt(0)) + wireName.substring(1) : wireName;
    }

    /** True once the batch will not change any more. */
    boolean terminal() {
        return this == FAILED || this == COMPLETED || this == EXPIRED || this == CANCELLED;
    }
}
