package org.hashing4j.datasets;

import java.util.List;
import java.util.OptionalInt;
import org.hashing4j.core.FeatureSet;

/**
 * A dataset cut into the three sets of a retrieval experiment: the training set a method learns
 * from, the queries, and the database searched for each query. Image datasets have pixels in [0,1]
 * and their image shape set. Rows are shared between the sets where the protocol shares items
 * (e.g. the "standard" MNIST protocol uses the training set as the database), never between the
 * queries and the database.
 */
public final class RetrievalSplit {
    private final String dataset;
    private final String protocol;
    private final long seed;
    private final FeatureSet train;
    private final FeatureSet query;
    private final FeatureSet database;
    private final List<String> classNames;
    private final Integer defaultTopK;

    /**
     * @param classNames  class names by index, or an empty list when unknown
     * @param defaultTopK the mAP cut-off the protocol reports (e.g. 5000 for NUS-WIDE), or null
     *                    for mAP over the whole database
     */
    public RetrievalSplit(String dataset, String protocol, long seed, FeatureSet train, FeatureSet query,
            FeatureSet database, List<String> classNames, Integer defaultTopK) {
        this.dataset = dataset;
        this.protocol = protocol;
        this.seed = seed;
        this.train = train;
        this.query = query;
        this.database = database;
        this.classNames = List.copyOf(classNames);
        this.defaultTopK = defaultTopK;
    }

    public String dataset() {
        return dataset;
    }

    public String protocol() {
        return protocol;
    }

    /** The seed the split was drawn with (irrelevant for fixed protocols, kept for provenance). */
    public long seed() {
        return seed;
    }

    public FeatureSet train() {
        return train;
    }

    public FeatureSet query() {
        return query;
    }

    public FeatureSet database() {
        return database;
    }

    /** Class names by class index (empty when the dataset has none). */
    public List<String> classNames() {
        return classNames;
    }

    /** The protocol's mAP cut-off, empty for mAP@all. */
    public OptionalInt defaultTopK() {
        return defaultTopK == null ? OptionalInt.empty() : OptionalInt.of(defaultTopK);
    }

    /** One line for logs: sizes of the three sets. */
    public String summary() {
        return dataset + " (" + protocol + "): " + train.size() + " training, " + query.size() + " queries, "
                + database.size() + " database items, " + train.dimension() + " features";
    }

    @Override
    public String toString() {
        return summary();
    }
}
