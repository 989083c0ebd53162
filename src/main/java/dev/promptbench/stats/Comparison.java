package dev.promptbench.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Sequential against parallel: how much faster the pool was, and whether the numbers are
 * comparable at all.
 *
 * @param speedup           median over repeats of sequential wall / parallel wall, or null when not comparable
 * @param spread            the speedup's spread over repeats, or null
 * @param errorCountsDiffer true when some repeat's modes ended with different error counts (speedup withheld)
 */
public record Comparison(Double speedup, Spread spread, boolean errorCountsDiffer) {

    /** Compares one sequential and one parallel summary. */
    public static Comparison of(ModeSummary sequential, ModeSummary parallel) {
        return of(List.of(sequential), List.of(parallel));
    }

    /** Compares repeat r of one mode with repeat r of the other. */
    public static Comparison of(List<ModeSummary> sequential, List<ModeSummary> parallel) {
        List<Double> speedups = new ArrayList<>();
        boolean differ = false;
        for (int r = 0; r < Math.min(sequential.size(), parallel.size()); r++) {
            ModeSummary seq = sequential.get(r);
            ModeSummary par = parallel.get(r);
            if (seq.errors() != par.errors() || seq.notRun() != par.notRun()) differ = true;
            if (par.wallMs() > 0) speedups.add(seq.wallMs() / par.wallMs());
        }
        if (differ || speedups.isEmpty()) return new Comparison(null, null, differ);
        Spread spread = Spread.of(speedups, Double::doubleValue);
        return new Comparison(spread.median(), spread, false);
    }
}
