package dev.promptbench.app;

/** Which mode of a compare run goes first ({@code --order}), as the user writes it and reports print it. */
public enum PassOrder {
    /** Sequential, then parallel. */
    SEQ_FIRST("seq-first"),
    /** Parallel, then sequential. */
    PAR_FIRST("par-first"),
    /** Sequential first, then reversed every other repeat (seq, par, par, seq, ...), so drift favours no mode. */
    ALTERNATE("alternate");

    private final String wireName;

    PassOrder(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
