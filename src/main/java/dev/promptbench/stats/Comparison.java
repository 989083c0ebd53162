package dev.promptbench.stats;

/**
 * Sequential against parallel: how much faster the pool was, and whether the numbers are
 * comparable at all.
 *
 * @param speedup          sequential wall / parallel wall, or null when not comparable
 * @param errorCountsDiffer true when the modes ended with different error counts (speedup withheld)
 */
public record Comparison(Double speedup, boolean errorCountsDiffer) {

    /** Compares two finished modes. */
    public static Comparison of(ModeSummary sequential, ModeSummary parallel) {
        boolean differ = sequential.errors() != parallel.errors() || sequential.notRun() != parallel.notRun();
        Double speedup = differ || parallel.wallMs() <= 0 ? null : sequential.wallMs() / parallel.wallMs();
        return new Comparison(speedup, differ);
    }
}
