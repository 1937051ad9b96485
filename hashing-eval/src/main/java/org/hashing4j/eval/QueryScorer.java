package org.hashing4j.eval;

/** Scores one query at a time into a {@link QueryOutcome}; one instance per thread. */
interface QueryScorer {
    void score(int query, QueryOutcome out);

    /** Cut-offs (k of mAP@k, N of P@N) as they apply to a database of {@code n} items: min(k, n). */
    static int[] effectiveCutoffs(int[] cutoffs, int n) {
        int[] eff = new int[cutoffs.length];
        for (int i = 0; i < cutoffs.length; i++) {
            eff[i] = Math.min(cutoffs[i], n);
        }
        return eff;
    }
}
