package org.hashing4j.models.validation;

import java.util.Arrays;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HammingRanking;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.EuclideanNeighbours;

/**
 * Validation retrieval inside a training set, for early stopping: a fixed random sample of training
 * items are the queries, the whole training set (less the query itself) is the database, and the
 * score is mAP over the full ranking (Hamming distance, ties by index). Relevance is either the
 * query's k Euclidean nearest neighbours in feature space (unsupervised methods) or sharing a label.
 *
 * <p>This is a small internal yardstick for model selection during training; the reported metrics
 * come from {@code hashing-eval} (a test checks the two agree on the same ranking).
 */
public final class RetrievalValidation {
    private final int[] queryRows;
    private final int[][] relevantSorted; // per query: relevant database rows, ascending (neighbour mode)
    private final Labels labels; // label mode, else null
    private final int size;

    private RetrievalValidation(int[] queryRows, int[][] relevantSorted, Labels labels, int size) {
        this.queryRows = queryRows;
        this.relevantSorted = relevantSorted;
        this.labels = labels;
        this.size = size;
    }

    /**
     * Queries: {@code queries} random rows of {@code data} (all rows if fewer); relevant: each query's
     * {@code k} nearest other rows by Euclidean distance.
     */
    public static RetrievalValidation euclidean(float[][] data, int queries, int k, long seed) {
        int[] rows = sample(data.length, queries, seed);
        int kk = Math.min(k, data.length - 1);
        float[][] q = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            q[i] = data[rows[i]];
        }
        int[][] nn = EuclideanNeighbours.kNearest(q, data, Math.min(kk + 1, data.length));
        int[][] relevant = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int self = rows[i];
            int[] r = Arrays.stream(nn[i]).filter(j -> j != self).limit(kk).toArray();
            Arrays.sort(r);
            relevant[i] = r;
        }
        return new RetrievalValidation(rows, relevant, null, data.length);
    }

    /** Queries: {@code queries} random items; relevant: items sharing a label with the query. */
    public static RetrievalValidation labels(Labels labels, int queries, long seed) {
        return new RetrievalValidation(sample(labels.size(), queries, seed), null, labels, labels.size());
    }

    /** The training rows used as queries. */
    public int[] queryRows() {
        return queryRows.clone();
    }

    /** mAP of the queries against all other items, given the codes of every training item. */
    public double meanAveragePrecision(BinaryCodes all) {
        if (all.size() != size) {
            throw new IllegalArgumentException("expected codes for " + size + " items, got " + all.size());
        }
        BinaryCodes queries = all.select(queryRows);
        HammingRanking ranking = new HammingRanking(all);
        double sum = 0;
        for (int q = 0; q < queryRows.length; q++) {
            int[] order = ranking.rank(queries, q).order();
            sum += averagePrecision(q, order);
        }
        return queryRows.length == 0 ? 0 : sum / queryRows.length;
    }

    private double averagePrecision(int q, int[] order) {
        int self = queryRows[q];
        int found = 0;
        int rank = 0;
        double ap = 0;
        int total = 0;
        for (int item : order) {
            if (item == self) {
                continue;
            }
            rank++;
            if (isRelevant(q, item)) {
                found++;
                ap += (double) found / rank;
            }
        }
        total = found;
        return total == 0 ? 0 : ap / total;
    }

    private boolean isRelevant(int q, int item) {
        if (labels != null) {
            return labels.relevant(queryRows[q], labels, item);
        }
        return Arrays.binarySearch(relevantSorted[q], item) >= 0;
    }

    private static int[] sample(int n, int k, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Random r = new Random(seed);
        int take = Math.min(k, n);
        for (int i = 0; i < take; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, take);
    }
}
