package org.hashing4j.datasets.split;

import java.util.Arrays;
import java.util.Random;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;

/**
 * Seeded class-balanced splits (the "sampled" protocols of MNIST, Fashion-MNIST and CIFAR-10 in
 * {@code METHODS.md}): a fixed number of queries per class drawn from the whole pool, the database
 * is everything else, and a fixed number of training items per class is drawn from the database.
 * The same seed gives the same split on every machine ({@link Random} is specified exactly by the
 * JDK), and queries never appear in the database.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * Draws the class-balanced split.
     *
     * @param poolLabels      single-label ground truth of the pool
     * @param queriesPerClass queries drawn per class from the pool (e.g. 100)
     * @param trainPerClass   training items drawn per class from the database (e.g. 500)
     * @param seed            the experiment seed
     */
    public static SplitIndices sampledPerClass(Labels poolLabels, int queriesPerClass, int trainPerClass, long seed) {
        if (poolLabels.isMultiLabel()) {
            throw new HashingException("the per-class sampled split needs single-label data");
        }
        if (queriesPerClass < 1 || trainPerClass < 1) {
            throw new HashingException("per-class query and training counts must be positive, got " + queriesPerClass
                    + " and " + trainPerClass);
        }
        int[] perClass = new int[poolLabels.numClasses()];
        for (int i = 0; i < poolLabels.size(); i++) {
            perClass[poolLabels.classOf(i)]++;
        }
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] < queriesPerClass + trainPerClass) {
                throw new HashingException("class " + c + " has " + perClass[c] + " items, too few for "
                        + queriesPerClass + " queries and " + trainPerClass + " training items per class");
            }
        }
        Random rnd = new Random(seed);
        int n = poolLabels.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        int[] query = samplePerClass(poolLabels, all, queriesPerClass, rnd, "queries");
        boolean[] isQuery = new boolean[n];
        for (int q : query) {
            isQuery[q] = true;
        }
        int[] database = new int[n - query.length];
        for (int i = 0, k = 0; i < n; i++) {
            if (!isQuery[i]) {
                database[k++] = i;
            }
        }
        int[] train = samplePerClass(poolLabels, database, trainPerClass, rnd, "training items");
        return new SplitIndices(query, database, train);
    }

    /**
     * {@code perClass} items of every class drawn without replacement from {@code candidates}
     * (ascending indices), returned in ascending order. Classes are visited in index order and each
     * draw is a partial Fisher–Yates shuffle of that class's members, so the result depends only on
     * the candidates, the labels and the random stream.
     */
    public static int[] samplePerClass(Labels labels, int[] candidates, int perClass, Random rnd, String what) {
        int classes = labels.numClasses();
        int[] counts = new int[classes];
        for (int i : candidates) {
            counts[labels.classOf(i)]++;
        }
        int[][] members = new int[classes][];
        for (int c = 0; c < classes; c++) {
            if (counts[c] < perClass) {
                throw new HashingException("cannot draw " + perClass + " " + what + " of class " + c + ": only "
                        + counts[c] + " available");
            }
            members[c] = new int[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i : candidates) {
            int c = labels.classOf(i);
            members[c][fill[c]++] = i;
        }
        int[] out = new int[classes * perClass];
        int k = 0;
        for (int c = 0; c < classes; c++) {
            int[] m = members[c];
            for (int j = 0; j < perClass; j++) {
                int r = j + rnd.nextInt(m.length - j);
                int t = m[j];
                m[j] = m[r];
                m[r] = t;
                out[k++] = m[j];
            }
        }
        Arrays.sort(out);
        return out;
    }
}
