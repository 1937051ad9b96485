package org.hashing4j.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.hashing4j.eval.EvalOptions;

/**
 * One results table in the papers' layout: a row per method, a column per code length, one number
 * per cell (null where that method was not run at that length or the value is unknown). The best
 * value of each column can be marked. {@link #papersLayout} lays out a report's main tables; the
 * renderers only draw them.
 */
final class ResultGrid {
    /** Title prefix of a tie-aware mAP table ("Tie-aware mAP@all"). */
    static final String TIE_AWARE = "Tie-aware ";
    /** Caption tail of a tie-aware mAP table, after "Expected mAP over …". */
    static final String TIE_AWARE_CAPTION = " when items at equal Hamming distance are ordered at random instead"
            + " of by index (McSherry & Najork 2008); equal to the plain mAP when nothing ties.";
    final String title;
    final String caption;
    final List<String> methods;
    final List<Integer> bits;
    final Double[][] values;
    /** 1: higher is better, -1: lower is better, 0: no best marked. */
    final int better;
    final String pattern;

    ResultGrid(String title, String caption, List<String> methods, List<Integer> bits, Double[][] values, int better,
            String pattern) {
        this.title = title;
        this.caption = caption;
        this.methods = methods;
        this.bits = bits;
        this.values = values;
        this.better = better;
        this.pattern = pattern;
    }

    /** Fills a grid from the results; {@code value} returns null for "not available". */
    static ResultGrid of(String title, String caption, List<String> methods, List<Integer> bits,
            List<MethodResult> results, Function<MethodResult, Double> value, int better, String pattern) {
        Double[][] v = new Double[methods.size()][bits.size()];
        for (MethodResult r : results) {
            Double x = value.apply(r);
            if (x != null && Double.isFinite(x)) {
                v[methods.indexOf(r.method())][bits.indexOf(r.bits())] = x;
            }
        }
        return new ResultGrid(title, caption, methods, bits, v, better, pattern);
    }

    /**
     * The main results tables in the papers' layout and order: mAP@all first, then mAP at the other
     * cut-offs, each followed by its tie-aware counterpart, P@H≤2 and R@H≤2 (or every evaluated radius when 2 is not among them), code
     * statistics, training time and encoding speed. Empty tables are left out.
     */
    static List<ResultGrid> papersLayout(List<MethodResult> results, List<String> methods, List<Integer> bits) {
        List<ResultGrid> grids = new ArrayList<>();
        Set<Integer> ks = new LinkedHashSet<>();
        boolean anyAll = false;
        for (MethodResult r : results) {
            for (int k : r.metrics().topK()) {
                if (k == EvalOptions.ALL) {
                    anyAll = true;
                } else {
                    ks.add(k);
                }
            }
        }
        List<Integer> orderedK = new ArrayList<>();
        if (anyAll) {
            orderedK.add(EvalOptions.ALL);
        }
        ks.stream().sorted().forEach(orderedK::add);
        for (int k : orderedK) {
            String label = "mAP@" + EvalOptions.topKLabel(k);
            grids.add(of(label, k == EvalOptions.ALL
                    ? "Mean average precision over the whole ranked database (Hamming ranking, ties by index)."
                    : "Mean average precision over the top " + k + " ranked items.",
                    methods, bits, results, r -> ReportCharts.has(r, k) ? r.metrics().mapAt(k) : null, 1, "%.4f"));
            // Right after its plain counterpart, so that the gap index order makes is read at a glance.
            grids.add(of(TIE_AWARE + label, (k == EvalOptions.ALL ? "Expected mAP over the whole ranked database"
                    : "Expected mAP over the top " + k + " ranked items") + TIE_AWARE_CAPTION,
                    methods, bits, results,
                    r -> r.metrics().hasTieAwareMapAt(k) ? r.metrics().tieAwareMapAt(k) : null, 1, "%.4f"));
        }
        for (int radius : radiiToShow(results)) {
            grids.add(of("P@H≤" + radius, "Precision of the items within Hamming distance " + radius
                    + " of the query (a query that finds nothing scores 0).", methods, bits, results,
                    r -> hasRadius(r, radius) ? r.metrics().precisionWithinRadius(radius) : null, 1, "%.4f"));
            grids.add(of("R@H≤" + radius, "Recall of the relevant items within Hamming distance "
                    + radius + ".", methods, bits, results,
                    r -> hasRadius(r, radius) ? r.metrics().recallWithinRadius(radius) : null, 1, "%.4f"));
        }
        grids.add(of("Mean |bit balance|", "Mean over bits of |mean of the ±1 bit| over the database"
                + " codes; 0 = every bit splits the database in half.", methods, bits, results,
                r -> r.codeStatistics() == null ? null : r.codeStatistics().meanAbsBalance(), -1, "%.4f"));
        grids.add(of("Mean |bit correlation|", "Mean absolute Pearson correlation between different"
                + " bits of the database codes; 0 = uncorrelated bits.", methods, bits, results,
                r -> r.codeStatistics() == null ? null : r.codeStatistics().meanAbsCorrelation(), -1, "%.4f"));
        grids.add(of("Code entropy (bits)", "Entropy of the distribution of distinct database codes;"
                + " at most min(bits, log2 of the database size).", methods, bits, results,
                r -> r.codeStatistics() == null ? null : r.codeStatistics().entropyBits(), 0, "%.2f"));
        grids.add(of("Training time (s)", "Wall-clock training time.", methods, bits, results,
                MethodResult::trainingSeconds, 0, "%.1f"));
        grids.add(of("Encoding speed (images/s)", "Images encoded to codes per second.", methods, bits,
                results, MethodResult::encodingImagesPerSecond, 0, "%,.0f"));
        grids.removeIf(ResultGrid::isEmpty);
        return grids;
    }

    /** Radius 2 (the papers' P@H≤2) if any result has it, else every evaluated radius. */
    private static List<Integer> radiiToShow(List<MethodResult> results) {
        Set<Integer> all = new TreeSet<>();
        for (MethodResult r : results) {
            for (int x : r.metrics().radii()) {
                all.add(x);
            }
        }
        return all.contains(2) ? List.of(2) : new ArrayList<>(all);
    }

    private static boolean hasRadius(MethodResult r, int radius) {
        for (int x : r.metrics().radii()) {
            if (x == radius) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        for (Double[] row : values) {
            for (Double x : row) {
                if (x != null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether cell (m, b) holds the best value of its column (and the column has more than one value). */
    boolean isBest(int m, int b) {
        if (better == 0 || values[m][b] == null) {
            return false;
        }
        int count = 0;
        for (Double[] row : values) {
            Double x = row[b];
            if (x == null) {
                continue;
            }
            count++;
            if (better > 0 ? x > values[m][b] : x < values[m][b]) {
                return false;
            }
        }
        return count > 1;
    }

    String cell(int m, int b) {
        Double x = values[m][b];
        return x == null ? "–" : String.format(Locale.ROOT, pattern, x);
    }

    String columnName(int b) {
        return bits.get(b) + " bits";
    }
}
