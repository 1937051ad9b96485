package org.hashing4j.eval;

/**
 * The raw results of one query, before averaging: AP and tie-aware AP at each cut-off, hits in the first N, and the
 * cumulative number of items and of relevant items within each radius. Kept as counts (not ratios)
 * where possible so that two scorers can be compared exactly. Reused across queries by one thread.
 */
final class QueryOutcome {
    /** AP@k, indexed like {@link EvalOptions#topK()}. */
    final double[] averagePrecision;
    /** Tie-aware AP@k ({@link TieAwareAp}), indexed like {@link EvalOptions#topK()}. */
    final double[] tieAwareAveragePrecision;
    /** Relevant items among the first min(N, n), indexed like {@link EvalOptions#precisionAtN()}. */
    final int[] hitsAtN;
    /** Items within distance ≤ r, r = 0..bits. */
    final int[] withinRadius;
    /** Relevant items within distance ≤ r, r = 0..bits. */
    final int[] hitsWithinRadius;
    /** Relevant items in the whole database. */
    int relevant;

    QueryOutcome(int topKCount, int precisionAtNCount, int bits) {
        this.averagePrecision = new double[topKCount];
        this.tieAwareAveragePrecision = new double[topKCount];
        this.hitsAtN = new int[precisionAtNCount];
        this.withinRadius = new int[bits + 1];
        this.hitsWithinRadius = new int[bits + 1];
    }
}
