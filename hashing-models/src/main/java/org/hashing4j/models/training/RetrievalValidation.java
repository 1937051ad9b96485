package org.hashing4j.models.training;

import java.util.Arrays;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.core.HammingRanking;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.EuclideanNeighbours;

/**
 * Validation retrieval for early stopping, scored as mAP over the full Hamming ranking (ties by
 * index). Two forms:
 * <ul>
 *   <li>inside the training set ({@link #euclidean}, {@link #labels}): a fixed random sample of
 *       training items are the queries and the whole training set (less the query itself) is the
 *       database; relevance is the query's k Euclidean nearest neighbours (UH-BDNN's protocol) or
 *       sharing a label;</li>
 *   <li>held out ({@link #heldOutLabels}): queries that were not trained on, against the training
 *       items, relevance by shared label. A supervised network can memorise its training labels, so
 *       only held-out queries tell when it stops generalising.</li>
 * </ul>
 *
 * <p>The held-out form is scored by {@code hashing-eval} itself. The in-set forms need what
 * {@code hashing-eval} does not offer — each query's own item left out of its database — so they
 * walk the ranking here (a test checks they agree with {@code hashing-eval} where both apply).
 */
public final class RetrievalValidation {
    private final int[] queryRows;
    private final int[][] relevantSorted; // per query: relevant database rows, ascending (neighbour mode)
    private final Labels labels; // label mode, else null
    private final Labels heldOutQueryLabels; // held-out mode, else null
    private final int size;

    private RetrievalValidation(int[] queryRows, int[][] relevantSorted, Labels labels, Labels heldOutQueryLabels,
            int size) {
        this.queryRows = queryRows;
        this.relevantSorted = relevantSorted;
        this.labels = labels;
        this.heldOutQueryLabels = heldOutQueryLabels;
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
        return new RetrievalValidation(rows, relevant, null, null, data.length);
    }

    /** Queries: {@code queries} random items; relevant: items sharing a label with the query. */
    public static RetrievalValidation labels(Labels labels, int queries, long seed) {
        return new RetrievalValidation(sample(labels.size(), queries, seed), null, labels, null, labels.size());
    }

    /**
     * Held-out queries with labels {@code queryLabels} against a database of training items with
     * labels {@code databaseLabels}; relevant: sharing a label. Score with
     * {@link #meanAveragePrecision(BinaryCodes, BinaryCodes)}.
     */
    public static RetrievalValidation heldOutLabels(Labels queryLabels, Labels databaseLabels) {
        int[] rows = new int[queryLabels.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return new RetrievalValidation(rows, null, databaseLabels, queryLabels, databaseLabels.size());
    }

    /** Whether the queries are held out (score with the two-argument {@code meanAveragePrecision}). */
    public boolean isHeldOut() {
        return heldOutQueryLabels != null;
    }

    /** The training rows used as queries. */
    public int[] queryRows() {
        return queryRows.clone();
    }

    /** mAP of the queries against all other items, given the codes of every training item. */
    public double meanAveragePrecision(BinaryCodes all) {
        if (isHeldOut()) {
            throw new IllegalStateException("held-out validation needs the query codes and the database codes");
        }
        if (all.size() != size) {
            throw new IllegalArgumentException("expected codes for " + size + " items, got " + all.size());
        }
        return score(all.select(queryRows), all);
    }

    /**
     * mAP@all of the held-out queries' codes against the training items' codes, computed by
     * {@code hashing-eval} (the metric every report shows; ties by database index).
     */
    public double meanAveragePrecision(BinaryCodes queries, BinaryCodes database) {
        if (!isHeldOut()) {
            throw new IllegalStateException("in-set validation takes the codes of every training item");
        }
        if (database.size() != size || queries.size() != queryRows.length) {
            throw new IllegalArgumentException("expected codes for " + queryRows.length + " queries and " + size
                    + " database items, got " + queries.size() + " and " + database.size());
        }
        if (queryRows.length == 0) {
            return 0;
        }
        EvalOptions mapAll = EvalOptions.builder().topK(EvalOptions.ALL).radii().precisionAtN().prCurve(false)
                .threads(1).build();
        return RetrievalEvaluator.evaluate(queries, database, Relevance.ofLabels(heldOutQueryLabels, labels), mapAll)
                .mapAt(EvalOptions.ALL);
    }

    private double score(BinaryCodes queries, BinaryCodes database) {
        HammingRanking ranking = new HammingRanking(database);
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
