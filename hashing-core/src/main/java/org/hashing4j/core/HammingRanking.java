package org.hashing4j.core;

/**
 * Ranks a database by Hamming distance to a query: ascending distance, ties broken by database
 * index. Because a distance is one of only bits+1 values, a counting sort does this in O(n) per
 * query with no comparisons, and the order is stable by construction.
 *
 * <p>A ranker holds reusable buffers, so one instance per thread ranks many queries without
 * allocating; instances are not thread-safe.
 */
public final class HammingRanking {
    private final BinaryCodes database;
    private final int[] distances;
    private final int[] order;
    private final int[] countAtDistance;
    private final int[] start;

    /** A ranker over {@code database}. */
    public HammingRanking(BinaryCodes database) {
        this.database = database;
        this.distances = new int[database.size()];
        this.order = new int[database.size()];
        this.countAtDistance = new int[database.bits() + 1];
        this.start = new int[database.bits() + 2];
    }

    /** The database this ranker ranks. */
    public BinaryCodes database() {
        return database;
    }

    /**
     * Ranks the database for code {@code q} of {@code queries}. Afterwards {@link #order()},
     * {@link #distances()} and {@link #countAtDistance()} describe this query (until the next call).
     */
    public HammingRanking rank(BinaryCodes queries, int q) {
        int n = database.size();
        Hamming.distances(queries, q, database, 0, n, distances);
        java.util.Arrays.fill(countAtDistance, 0);
        for (int i = 0; i < n; i++) {
            countAtDistance[distances[i]]++;
        }
        start[0] = 0;
        for (int d = 0; d < countAtDistance.length; d++) {
            start[d + 1] = start[d] + countAtDistance[d];
        }
        for (int i = 0; i < n; i++) {
            order[start[distances[i]]++] = i;
        }
        return this;
    }

    /**
     * Database indices in ranked order for the last query. The array is reused by the next
     * {@link #rank} call; copy it to keep it.
     */
    public int[] order() {
        return order;
    }

    /** Distance of every database item (indexed by database position) for the last query. */
    public int[] distances() {
        return distances;
    }

    /** How many database items lie at each distance 0..bits for the last query. */
    public int[] countAtDistance() {
        return countAtDistance;
    }

    /** Convenience: the full ranked order of the database for one query (allocates). */
    public static int[] rankedOrder(BinaryCodes queries, int q, BinaryCodes database) {
        return new HammingRanking(database).rank(queries, q).order().clone();
    }
}
