package org.hashing4j.eval;

/**
 * Tie-aware average precision (McSherry &amp; Najork, "Computing Information Retrieval Performance
 * Measures Efficiently in the Presence of Tied Scores", ECIR 2008): the expected AP when the items
 * at equal Hamming distance are put in a uniformly random order, independently per distance. Plain
 * AP breaks ties by database index, so it depends on storage order; this does not.
 *
 * <p>It needs only per-distance counts: for bucket t (distance t), {@code n_t} items of which
 * {@code r_t} relevant, {@code a_t} items and {@code ρ_t} relevant items at smaller distances, R
 * relevant items in all, and {@code H(m) = 1 + 1/2 + … + 1/m}. With
 * {@code β_t = (r_t − 1)/(n_t − 1)} (0 when n_t = 1) the expected sum of precision@rank over the
 * relevant items of bucket t is
 * <pre>
 *   C_t = (r_t/n_t) · [ (ρ_t + 1 − β_t(a_t + 1)) · (H(a_t + n_t) − H(a_t)) + β_t · n_t ]
 * </pre>
 * and {@code E[AP@all] = Σ_t C_t / R} (0 when R = 0). Derivation and a worked example:
 * {@code shared/METHODS-DEEP.md} §3.
 *
 * <p><b>AP@k</b> follows the project's AP@k (the one of the fixtures, FIRe, DH and DSH_Analysis's
 * code): the sum over the top k is divided by the relevant items <em>retrieved</em> in the top k,
 * and a query with none scores 0. Then tie-aware AP@k equals plain AP@k whenever there are no ties,
 * and tie-aware mAP@k sits next to plain mAP@k as the same quantity without the index tie-break.
 * The denominator is random when rank k cuts bucket t* (with m of its slots inside the top k), so
 * the expectation conditions on Y, the relevant items among those m slots (hypergeometric):
 * <pre>
 *   E[AP@k] = Σ_y P(Y=y) · (Σ_{t&lt;t*} C_t + E[S* | y]) / (ρ* + y)        (0 where ρ* + y = 0)
 *   E[S* | y] = (y/m) · [ (ρ* + 1 − β_y(a* + 1)) · (H(k) − H(a*)) + β_y · m ],  β_y = (y−1)/(m−1)
 * </pre>
 * (METHODS-DEEP.md §3.4, variant 2). Cost per query: O(bits) per cut-off plus O(min(r*, m)) terms
 * when k cuts a bucket.
 *
 * <p>Immutable after construction (tables of H and ln m! up to the database size), so one instance
 * serves all threads.
 */
final class TieAwareAp {
    /** Below this span, H(b) − H(a) is summed directly: exact to rounding, as plain AP's terms are. */
    private static final int DIRECT_SPAN = 32;

    private final double[] harmonic;
    private final double[] logFactorial;

    /** Tables for a database of {@code n} items. */
    TieAwareAp(int n) {
        harmonic = new double[n + 1];
        logFactorial = new double[n + 1];
        // Kahan sums, so that differences of nearby H values stay accurate for large databases.
        double h = 0;
        double hc = 0;
        double l = 0;
        double lc = 0;
        for (int i = 1; i <= n; i++) {
            double y = 1.0 / i - hc;
            double t = h + y;
            hc = (t - h) - y;
            h = t;
            harmonic[i] = h;
            double y2 = Math.log(i) - lc;
            double t2 = l + y2;
            lc = (t2 - l) - y2;
            l = t2;
            logFactorial[i] = l;
        }
    }

    /**
     * Tie-aware AP of one query at each cut-off.
     *
     * @param within     items within distance ≤ d, d = 0..bits (cumulative, as in {@link QueryOutcome})
     * @param hitsWithin relevant items within distance ≤ d (cumulative)
     * @param kEff       cut-offs min(k, n)
     * @param out        receives AP@kEff[i]
     */
    void score(int[] within, int[] hitsWithin, int[] kEff, double[] out) {
        int buckets = within.length;
        int relevant = hitsWithin[buckets - 1];
        int n = within[buckets - 1];
        if (relevant == 0) {
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        for (int i = 0; i < kEff.length; i++) {
            out[i] = atCutoff(within, hitsWithin, kEff[i], n, relevant);
        }
    }

    private double atCutoff(int[] within, int[] hitsWithin, int k, int n, int relevant) {
        double sumBefore = 0;
        int a = 0;
        int rho = 0;
        for (int t = 0; t < within.length; t++) {
            int nt = within[t] - a;
            int rt = hitsWithin[t] - rho;
            if (nt > 0) {
                if (within[t] < k) {
                    sumBefore += bucketSum(a, rho, nt, rt, nt);
                } else if (k == n) {
                    // Everything is retrieved: the plain E[AP@all] = Σ C_t / R.
                    return (sumBefore + bucketSum(a, rho, nt, rt, nt)) / relevant;
                } else {
                    return cutBucket(sumBefore, a, rho, nt, rt, k - a);
                }
            }
            a = within[t];
            rho = hitsWithin[t];
        }
        throw new IllegalStateException("cut-off " + k + " beyond the database of " + n + " items");
    }

    /**
     * Expected Σ precision@rank over the relevant items in the first {@code m} slots of a bucket of
     * {@code nt} items, {@code rt} relevant, that starts after {@code a} items ({@code rho}
     * relevant): C_t of the class comment with n_t → m, r_t → expected relevant in those slots.
     * With m = nt this is C_t; with the relevant count conditioned to y in m slots, callers pass
     * (m, y, m).
     */
    private double bucketSum(int a, int rho, int nt, int rt, int m) {
        if (rt == 0) {
            return 0;
        }
        double beta = nt == 1 ? 0 : (double) (rt - 1) / (nt - 1);
        return (double) rt / nt * ((rho + 1 - beta * (a + 1)) * harmonicDiff(a, a + m) + beta * m);
    }

    /** E[AP@k] when rank k = a + m falls inside a bucket of nt items (m &lt; nt), rt of them relevant. */
    private double cutBucket(double sumBefore, int a, int rho, int nt, int rt, int m) {
        int yLo = Math.max(0, m - (nt - rt));
        int yHi = Math.min(rt, m);
        double logTotal = logChoose(nt, m);
        double e = 0;
        for (int y = yLo; y <= yHi; y++) {
            if (rho + y == 0) {
                continue;
            }
            double p = Math.exp(logChoose(rt, y) + logChoose(nt - rt, m - y) - logTotal);
            // Given y relevant among the m slots, they are uniform over those slots: a bucket of m, y relevant.
            e += p * (sumBefore + bucketSum(a, rho, m, y, m)) / (rho + y);
        }
        return e;
    }

    private double harmonicDiff(int from, int to) {
        if (to - from <= DIRECT_SPAN) {
            double s = 0;
            for (int i = from + 1; i <= to; i++) {
                s += 1.0 / i;
            }
            return s;
        }
        return harmonic[to] - harmonic[from];
    }

    private double logChoose(int n, int k) {
        return logFactorial[n] - logFactorial[k] - logFactorial[n - k];
    }
}
