package org.hashing4j.eval;

import java.util.Arrays;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;

/**
 * Ground truth for retrieval: which database items are relevant to each query.
 *
 * <ul>
 *   <li>{@link #ofLabels}: single-label data (class indices) — relevant means the same class;
 *       multi-label data (multi-hot) — relevant means sharing at least one label.</li>
 *   <li>{@link #ofNeighbours}: an explicit list of relevant database items per query, e.g. each
 *       query's Euclidean nearest neighbours in feature space (the unsupervised protocol;
 *       {@code org.hashing4j.datasets.EuclideanNeighbours.kNearest} computes them).</li>
 * </ul>
 *
 * <p>Immutable and safe to share between threads.
 */
public abstract class Relevance {
    Relevance() {
    }

    /** Relevance from labels: same class (single-label) or at least one shared label (multi-hot). */
    public static Relevance ofLabels(Labels query, Labels database) {
        if (query == null || database == null) {
            throw new HashingException("relevance needs labels for both the queries and the database");
        }
        if (!query.isMultiLabel() && !database.isMultiLabel()) {
            return new ClassRelevance(query.classIndices(), database.classIndices());
        }
        return new SharedLabelRelevance(query, database);
    }

    /**
     * Relevance from explicit lists: {@code neighbourIdsPerQuery[q]} holds the database indices
     * relevant to query {@code q} (any order; duplicates are ignored). The indices are checked
     * against the database when evaluating.
     */
    public static Relevance ofNeighbours(int[][] neighbourIdsPerQuery) {
        return new NeighbourRelevance(neighbourIdsPerQuery);
    }

    /** Number of queries this ground truth covers. */
    public abstract int queryCount();

    /** Number of database items this ground truth covers, or -1 when it does not fix one (neighbour lists). */
    public abstract int databaseCount();

    /** Whether database item {@code item} is relevant to query {@code query}. */
    public abstract boolean isRelevant(int query, int item);

    /** {@code "class-index"}, {@code "multi-hot"} or {@code "neighbours"} (as in the fixture files). */
    public abstract String kind();

    /** One line for reports, e.g. "same class (10 classes)". */
    public abstract String describe();

    /**
     * Turns the distances of query {@code q} to database items {@code 0..n-1} into keys
     * {@code 2 × distance + (relevant ? 1 : 0)}, in place, and counts the keys into
     * {@code histogram} (length ≥ 2 × (bits + 1), cleared by the caller). One tight loop per kind of
     * ground truth keeps the evaluator's hot path free of a virtual call per item; the relevance
     * bit is computed without a branch, since about 1 item in (number of classes) is relevant at
     * random positions and a branch would be mispredicted that often.
     */
    abstract void markRelevant(int q, int[] distancesToKeys, int n, int[] histogram);

    /** Checks that this ground truth fits {@code queries} query codes and a database of {@code databaseSize}. */
    void check(int queries, int databaseSize) {
        if (queryCount() != queries) {
            throw new HashingException("ground truth covers " + queryCount() + " queries but there are " + queries
                    + " query codes");
        }
        if (databaseCount() >= 0 && databaseCount() != databaseSize) {
            throw new HashingException("ground truth covers " + databaseCount() + " database items but there are "
                    + databaseSize + " database codes");
        }
    }

    /** Both sides single-label: compare class indices. */
    private static final class ClassRelevance extends Relevance {
        private final int[] queryClass;
        private final int[] dbClass;
        private final int classes;

        ClassRelevance(int[] queryClass, int[] dbClass) {
            this.queryClass = queryClass;
            this.dbClass = dbClass;
            int max = -1;
            for (int c : dbClass) {
                max = Math.max(max, c);
            }
            for (int c : queryClass) {
                max = Math.max(max, c);
            }
            this.classes = max + 1;
        }

        @Override
        public int queryCount() {
            return queryClass.length;
        }

        @Override
        public int databaseCount() {
            return dbClass.length;
        }

        @Override
        public boolean isRelevant(int query, int item) {
            return queryClass[query] == dbClass[item];
        }

        @Override
        public String kind() {
            return "class-index";
        }

        @Override
        public String describe() {
            return "same class (" + classes + " classes)";
        }

        @Override
        void markRelevant(int q, int[] keys, int n, int[] histogram) {
            int c = queryClass[q];
            int[] db = dbClass;
            for (int j = 0; j < n; j++) {
                // Class indices are >= 0, so (x ^ c) - 1 is negative exactly when x == c.
                int key = (keys[j] << 1) | (((db[j] ^ c) - 1) >>> 31);
                keys[j] = key;
                histogram[key]++;
            }
        }
    }

    /** Multi-label (or one side single-label): label sets as bit masks, relevant when they intersect. */
    private static final class SharedLabelRelevance extends Relevance {
        private final int words;
        private final long[] queryMasks;
        private final long[] dbMasks;
        private final int classes;

        SharedLabelRelevance(Labels query, Labels db) {
            this.classes = Math.max(query.numClasses(), db.numClasses());
            this.words = Math.max(1, (classes + 63) >>> 6);
            this.queryMasks = masks(query);
            this.dbMasks = masks(db);
        }

        private long[] masks(Labels labels) {
            long[] m = new long[labels.size() * words];
            for (int i = 0; i < labels.size(); i++) {
                for (int c = 0; c < labels.numClasses(); c++) {
                    if (labels.has(i, c)) {
                        m[i * words + (c >>> 6)] |= 1L << (c & 63);
                    }
                }
            }
            return m;
        }

        @Override
        public int queryCount() {
            return queryMasks.length / words;
        }

        @Override
        public int databaseCount() {
            return dbMasks.length / words;
        }

        @Override
        public boolean isRelevant(int query, int item) {
            for (int w = 0; w < words; w++) {
                if ((queryMasks[query * words + w] & dbMasks[item * words + w]) != 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String kind() {
            return "multi-hot";
        }

        @Override
        public String describe() {
            return "share at least one label (" + classes + " labels)";
        }

        @Override
        void markRelevant(int q, int[] keys, int n, int[] histogram) {
            long[] db = dbMasks;
            if (words == 1) {
                long m = queryMasks[q];
                for (int j = 0; j < n; j++) {
                    long shared = db[j] & m;
                    // (x | -x) has its sign bit set exactly when x != 0.
                    int key = (keys[j] << 1) | (int) ((shared | -shared) >>> 63);
                    keys[j] = key;
                    histogram[key]++;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int key = (keys[j] << 1) | (isRelevant(q, j) ? 1 : 0);
                    keys[j] = key;
                    histogram[key]++;
                }
            }
        }
    }

    /** Explicit relevant lists, e.g. Euclidean nearest neighbours. */
    private static final class NeighbourRelevance extends Relevance {
        private final int[][] sortedIds;
        private final int maxId;

        NeighbourRelevance(int[][] ids) {
            if (ids == null) {
                throw new HashingException("neighbour lists are missing");
            }
            this.sortedIds = new int[ids.length][];
            int max = -1;
            for (int q = 0; q < ids.length; q++) {
                if (ids[q] == null) {
                    throw new HashingException("neighbour list of query " + q + " is missing");
                }
                int[] s = Arrays.stream(ids[q]).sorted().distinct().toArray();
                if (s.length > 0 && s[0] < 0) {
                    throw new HashingException("neighbour list of query " + q + " has a negative database index " + s[0]);
                }
                if (s.length > 0) {
                    max = Math.max(max, s[s.length - 1]);
                }
                sortedIds[q] = s;
            }
            this.maxId = max;
        }

        @Override
        public int queryCount() {
            return sortedIds.length;
        }

        @Override
        public int databaseCount() {
            return -1;
        }

        @Override
        void check(int queries, int databaseSize) {
            super.check(queries, databaseSize);
            if (maxId >= databaseSize) {
                for (int q = 0; q < sortedIds.length; q++) {
                    int[] s = sortedIds[q];
                    if (s.length > 0 && s[s.length - 1] >= databaseSize) {
                        throw new HashingException("neighbour list of query " + q + " names database item "
                                + s[s.length - 1] + " but the database has " + databaseSize + " codes");
                    }
                }
            }
        }

        @Override
        public boolean isRelevant(int query, int item) {
            return Arrays.binarySearch(sortedIds[query], item) >= 0;
        }

        @Override
        public String kind() {
            return "neighbours";
        }

        @Override
        public String describe() {
            int total = 0;
            for (int[] s : sortedIds) {
                total += s.length;
            }
            return String.format(java.util.Locale.ROOT, "listed neighbours (%.1f per query)",
                    sortedIds.length == 0 ? 0.0 : (double) total / sortedIds.length);
        }

        @Override
        void markRelevant(int q, int[] keys, int n, int[] histogram) {
            for (int j = 0; j < n; j++) {
                keys[j] <<= 1;
            }
            for (int id : sortedIds[q]) {
                keys[id] |= 1;
            }
            for (int j = 0; j < n; j++) {
                histogram[keys[j]]++;
            }
        }
    }
}
