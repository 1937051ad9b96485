package org.hashing4j.models.training;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HammingRanking;
import org.hashing4j.core.Labels;

/**
 * mAP@all on a held-out validation slice, for picking the best epoch: the first part of the slice
 * are the queries, the rest the database; relevant = sharing a label. Ranking by Hamming distance,
 * ties in database order (as {@link HammingRanking} ranks). A query with no relevant item in the
 * database counts 0. The scoring is {@link RetrievalValidation}'s held-out form.
 */
public final class ValidationMap {
    private ValidationMap() {
    }

    /** How many of {@code validationSize} items serve as queries: a fifth, at least one. */
    public static int queryCount(int validationSize) {
        return Math.max(1, validationSize / 5);
    }

    /**
     * @param codes  codes of the validation slice; items 0..queries-1 are the queries
     * @param labels their labels, same order
     */
    public static double meanAveragePrecision(BinaryCodes codes, Labels labels, int queries) {
        int[] queryRows = java.util.stream.IntStream.range(0, queries).toArray();
        int[] dbRows = java.util.stream.IntStream.range(queries, codes.size()).toArray();
        return RetrievalValidation.heldOutLabels(labels.select(queryRows), labels.select(dbRows))
                .meanAveragePrecision(codes.select(queryRows), codes.select(dbRows));
    }
}
