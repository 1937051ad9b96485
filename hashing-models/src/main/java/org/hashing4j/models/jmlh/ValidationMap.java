package org.hashing4j.models.jmlh;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HammingRanking;
import org.hashing4j.core.Labels;

/**
 * mAP@all on a held-out validation slice, for picking the best epoch: the first part of the slice
 * are the queries, the rest the database; relevant = sharing a label. Ranking by Hamming distance,
 * ties in database order (as {@link HammingRanking} ranks). A query with no relevant item in the
 * database counts 0.
 */
final class ValidationMap {
    private ValidationMap() {
    }

    /** How many of {@code validationSize} items serve as queries: a fifth, at least one. */
    static int queryCount(int validationSize) {
        return Math.max(1, validationSize / 5);
    }

    /**
     * @param codes  codes of the validation slice; items 0..queries-1 are the queries
     * @param labels their labels, same order
     */
    static double meanAveragePrecision(BinaryCodes codes, Labels labels, int queries) {
        int n = codes.size();
        int[] dbRows = new int[n - queries];
        for (int i = 0; i < dbRows.length; i++) {
            dbRows[i] = queries + i;
        }
        BinaryCodes db = codes.select(dbRows);
        HammingRanking ranking = new HammingRanking(db);
        double sum = 0;
        for (int q = 0; q < queries; q++) {
            int[] order = ranking.rank(codes, q).order();
            int hits = 0;
            double ap = 0;
            for (int r = 0; r < order.length; r++) {
                if (labels.relevant(q, labels, queries + order[r])) {
                    hits++;
                    ap += (double) hits / (r + 1);
                }
            }
            sum += hits == 0 ? 0 : ap / hits;
        }
        return sum / queries;
    }
}
