package org.hashing4j.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.ImageSplit;

/**
 * A dataset cut into the three sets of a retrieval experiment: the training set a method learns
 * from, the queries, and the database searched for each query. Image datasets have pixels in [0,1]
 * and their image shape set. Rows are shared between the sets where the protocol shares items
 * (e.g. the "standard" MNIST protocol uses the training set as the database), never between the
 * queries and the database.
 *
 * <p>Datasets of large images (list-file datasets such as NUS-WIDE) are not held as pixels: they
 * have {@link #images()} (files to stream through a backbone) and no in-memory sets; asking for
 * {@link #train()} then explains what to do. Small image datasets have both.
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
    private final ImageSplit images;
    private final List<String> notes = new ArrayList<>();
    private final java.util.Map<String, String> checksums = new java.util.TreeMap<>();

    /**
     * @param classNames  class names by index, or an empty list when unknown
     * @param defaultTopK the mAP cut-off the protocol reports (e.g. 5000 for NUS-WIDE), or null
     *                    for mAP over the whole database
     */
    public RetrievalSplit(String dataset, String protocol, long seed, FeatureSet train, FeatureSet query,
            FeatureSet database, List<String> classNames, Integer defaultTopK) {
        this(dataset, protocol, seed, train, query, database, List.copyOf(classNames), defaultTopK, null);
    }

    /**
     * A split with image files and, when small enough to hold in memory, also feature sets.
     *
     * @param train    in-memory training set or null (then also query and database null)
     * @param images   the image files of the three sets
     */
    public RetrievalSplit(String dataset, String protocol, long seed, FeatureSet train, FeatureSet query,
            FeatureSet database, ImageSplit images, Integer defaultTopK) {
        this(dataset, protocol, seed, allOrNone(train, query, database), query, database, images.classNames(),
                defaultTopK, images);
    }

    private RetrievalSplit(String dataset, String protocol, long seed, FeatureSet train, FeatureSet query,
            FeatureSet database, List<String> classNames, Integer defaultTopK, ImageSplit images) {
        this.dataset = dataset;
        this.protocol = protocol;
        this.seed = seed;
        this.train = train;
        this.query = query;
        this.database = database;
        this.classNames = classNames;
        this.defaultTopK = defaultTopK;
        this.images = images;
    }

    /** {@code train}, after checking that the three sets are all given or all null. */
    private static FeatureSet allOrNone(FeatureSet train, FeatureSet query, FeatureSet database) {
        if ((train == null) != (query == null) || (train == null) != (database == null)) {
            throw new IllegalArgumentException("give all three feature sets or none");
        }
        return train;
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
        return requireFeatures(train);
    }

    public FeatureSet query() {
        return requireFeatures(query);
    }

    public FeatureSet database() {
        return requireFeatures(database);
    }

    /** Whether the sets are held in memory ({@link #train()} etc. work). */
    public boolean hasFeatures() {
        return train != null;
    }

    /** The image files, for datasets of image files (streamed with a pipeline); empty otherwise. */
    public Optional<ImageSplit> images() {
        return Optional.ofNullable(images);
    }

    /** File name → SHA-256 of the content of the data files the split was read from, where known. */
    public java.util.Map<String, String> checksums() {
        return java.util.Collections.unmodifiableMap(checksums);
    }

    /** Records the SHA-256 of the content of a data file the split was read from (for provenance). */
    public void addChecksum(String file, String sha256) {
        checksums.put(file, sha256);
    }

    /** Remarks for the report, e.g. how many missing images were skipped. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Adds a remark for the report. */
    public void addNote(String note) {
        notes.add(note);
    }

    private FeatureSet requireFeatures(FeatureSet s) {
        if (s == null) {
            throw new HashingException(dataset + " (" + protocol + ") is a dataset of " + images.database().size()
                    + "+ image files that is streamed, not held in memory: extract features with a backbone first"
                    + " (hashing features ...) or read images() through an ImageBatchIterator");
        }
        return s;
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
        if (train == null) {
            return dataset + " (" + protocol + "): " + images.train().size() + " training, " + images.query().size()
                    + " queries, " + images.database().size() + " database images (streamed)";
        }
        return dataset + " (" + protocol + "): " + train.size() + " training, " + query.size() + " queries, "
                + database.size() + " database items, " + train.dimension() + " features";
    }

    @Override
    public String toString() {
        return summary();
    }
}
