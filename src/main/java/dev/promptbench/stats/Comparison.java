package dev.promptbench.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Sequential against parallel: how much faster the pool was, and whether the numbers are
 * comparable at all.
 *
 * @param speedup           median over repeats of sequential wall / parallel wall, or null when withheld
 * @param spread            the speedup's spread over repeats, or null
 * @param errorCountsDiffer true when some repeat's modes ended with different error counts (speedup withheld)
 * @param withheld          why there is no speedup ("the modes ended with different error counts"), or null
 */
public record Comparison(Double speedup, Spread spread, boolean errorCountsDiffer, String withheld) {

    /** Compares one sequential and one parallel summary. */
    public static Comparison of(ModeSummary sequential, ModeSummary parallel) {
        return of(List.of(sequential), List.of(parallel));
    }

    /**
     * Compares repeat r of one mode with repeat r of the other. A speedup is withheld when it would not
     * be fair: the modes ended with different error counts, or a mode had no successful request (how
     * fast requests fail says nothing about the service).
     */
    public static Comparison of(List<ModeSummary> sequential, List<ModeSummary> parallel) {
        List<Double> speedups = new ArrayList<>();
        boolean differ = false;
        boolean sequentialAnswered = true;
        boolean parallelAnswered = true;
        for (int r = 0; r < Math.min(sequential.size(), parallel.size()); r++) {
            ModeSummary seq = sequential.get(r);
            ModeSummary par = parallel.get(r);
            if (seq.errors() != par.errors() || seq.notRun() != par.notRun()) differ = true;
            sequentialAnswered &= answered(seq);
            parallelAnswered &= answered(par);
            if (par.wallMs() > 0) speedups.add(seq.wallMs() / par.wallMs());
        }
        String withheld = null;
        if (!sequentialAnswered || !parallelAnswered) {
            withheld = "no request of " + (!sequentialAnswered && !parallelAnswered ? "sequential or parallel"
                    : !sequentialAnswered ? "sequential" : "parallel") + " succeeded";
        } else if (differ) {
            withheld = "the modes ended with different error counts";
        } else if (speedups.isEmpty()) {
            withheld = "the parallel mode took no time";
        }
        if (withheld != null) return new Comparison(null, null, differ, withheld);
        Spread spread = Spread.of(speedups, Double::doubleValue);
        return new Comparison(spread.median(), spread, false, null);
    }

    private static boolean answered(ModeSummary summary) {
        return summary.ok() + summary.filtered() > 0;
    }
}
