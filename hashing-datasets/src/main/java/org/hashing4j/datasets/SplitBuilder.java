package org.hashing4j.datasets;

import java.util.List;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.split.SplitIndices;
import org.hashing4j.datasets.split.Splits;

/**
 * The two protocol shapes shared by the single-label benchmark datasets (MNIST, Fashion-MNIST,
 * CIFAR-10): a fixed one (the test images are the queries, the training images are the database and
 * the training set) and a sampled one (class-balanced queries drawn from training and test images
 * together, the rest is the database, class-balanced training images drawn from the database).
 */
public final class SplitBuilder {
    private SplitBuilder() {
    }

    /** Queries = {@code test}; database = training set = {@code train} (rows shared). */
    public static RetrievalSplit fixed(String dataset, String protocol, long seed, FeatureSet train, FeatureSet test,
            List<String> classNames, Integer topK) {
        String prefix = dataset + "/" + protocol + "/";
        return new RetrievalSplit(dataset, protocol, seed, rename(train, prefix + "train"), rename(test, prefix + "query"),
                rename(train, prefix + "database"), classNames, topK);
    }

    /**
     * From the union of {@code train} and {@code test} (in that order): {@code queriesPerClass}
     * queries per class, the database is everything else, {@code trainPerClass} training items per
     * class drawn from the database. Rows are shared, not copied.
     */
    public static RetrievalSplit sampled(String dataset, String protocol, long seed, FeatureSet train, FeatureSet test,
            int queriesPerClass, int trainPerClass, List<String> classNames, Integer topK) {
        return sampled(dataset, protocol, seed, train, test, queriesPerClass, trainPerClass, true, classNames, topK);
    }

    /**
     * As {@link #sampled(String, String, long, FeatureSet, FeatureSet, int, int, List, Integer)};
     * with {@code trainInDatabase} false the training items are then taken out of the database (the
     * same draw, so the two variants share queries and training items), as DeepHash-pytorch's
     * {@code cifar10} protocol does.
     */
    public static RetrievalSplit sampled(String dataset, String protocol, long seed, FeatureSet train, FeatureSet test,
            int queriesPerClass, int trainPerClass, boolean trainInDatabase, List<String> classNames, Integer topK) {
        FeatureSet pool = concat(train, test, dataset + "/train+test");
        SplitIndices idx = Splits.sampledPerClass(pool.labels(), queriesPerClass, trainPerClass, seed);
        if (!trainInDatabase) {
            java.util.Set<Integer> t = new java.util.HashSet<>();
            for (int i : idx.train()) {
                t.add(i);
            }
            idx = new SplitIndices(idx.query(), java.util.Arrays.stream(idx.database()).filter(i -> !t.contains(i))
                    .toArray(), idx.train());
        }
        String prefix = dataset + "/" + protocol + "/";
        return new RetrievalSplit(dataset, protocol, seed, pool.select(idx.train(), prefix + "train"),
                pool.select(idx.query(), prefix + "query"), pool.select(idx.database(), prefix + "database"),
                classNames, topK);
    }

    private static FeatureSet rename(FeatureSet s, String name) {
        return new FeatureSet(s.features(), s.labels(), s.imageShape(), name);
    }

    /** Rows of {@code a} then rows of {@code b} (shared, not copied); single-label. */
    public static FeatureSet concat(FeatureSet a, FeatureSet b, String name) {
        float[][] rows = new float[a.size() + b.size()][];
        System.arraycopy(a.features(), 0, rows, 0, a.size());
        System.arraycopy(b.features(), 0, rows, a.size(), b.size());
        int[] labels = new int[rows.length];
        for (int i = 0; i < a.size(); i++) {
            labels[i] = a.labels().classOf(i);
        }
        for (int i = 0; i < b.size(); i++) {
            labels[a.size() + i] = b.labels().classOf(i);
        }
        return new FeatureSet(rows, Labels.singleLabel(labels), a.imageShape(), name);
    }
}
