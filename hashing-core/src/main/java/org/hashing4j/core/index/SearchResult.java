package org.hashing4j.core.index;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The answer to a batch of queries: for each query a list of hits (id, distance) in ascending
 * distance, ties in ascending id. Top-k searches give at most k hits per query, range searches any
 * number.
 *
 * <p>Per query: {@link #count(int)}, {@link #id(int, int)}, {@link #distance(int, int)},
 * {@link #ids(int)}, {@link #distances(int)} or {@link #neighbors(int)}. All queries at once, in the
 * flat layout FAISS range searches use: {@link #flatIds()}, {@link #flatDistances()} and
 * {@link #offsets()} (query {@code q}'s hits are entries {@code offsets[q]..offsets[q+1]-1}).
 * Immutable.
 */
public final class SearchResult {
    private final int[] offsets;
    private final long[] ids;
    private final int[] distances;

    SearchResult(int[] offsets, long[] ids, int[] distances) {
        this.offsets = offsets;
        this.ids = ids;
        this.distances = distances;
    }

    /** Joins per-query hit lists. */
    static SearchResult of(long[][] idsPerQuery, int[][] distancesPerQuery) {
        int nq = idsPerQuery.length;
        int[] off = new int[nq + 1];
        for (int q = 0; q < nq; q++) {
            off[q + 1] = Math.addExact(off[q], idsPerQuery[q].length);
        }
        long[] allIds = new long[off[nq]];
        int[] allD = new int[off[nq]];
        for (int q = 0; q < nq; q++) {
            System.arraycopy(idsPerQuery[q], 0, allIds, off[q], idsPerQuery[q].length);
            System.arraycopy(distancesPerQuery[q], 0, allD, off[q], distancesPerQuery[q].length);
        }
        return new SearchResult(off, allIds, allD);
    }

    /** Number of queries answered. */
    public int queryCount() {
        return offsets.length - 1;
    }

    /** Number of hits for query {@code q}. */
    public int count(int q) {
        checkQuery(q);
        return offsets[q + 1] - offsets[q];
    }

    /** Total number of hits over all queries. */
    public int totalCount() {
        return ids.length;
    }

    /** Id of the hit at {@code rank} (0 = nearest) for query {@code q}. */
    public long id(int q, int rank) {
        return ids[index(q, rank)];
    }

    /** Distance of the hit at {@code rank} (0 = nearest) for query {@code q}. */
    public int distance(int q, int rank) {
        return distances[index(q, rank)];
    }

    /** Ids of query {@code q}'s hits, nearest first (a copy). */
    public long[] ids(int q) {
        checkQuery(q);
        return Arrays.copyOfRange(ids, offsets[q], offsets[q + 1]);
    }

    /** Distances of query {@code q}'s hits, nearest first (a copy). */
    public int[] distances(int q) {
        checkQuery(q);
        return Arrays.copyOfRange(distances, offsets[q], offsets[q + 1]);
    }

    /** Query {@code q}'s hits as (id, distance) pairs, nearest first. */
    public List<Neighbor> neighbors(int q) {
        checkQuery(q);
        int from = offsets[q];
        int n = offsets[q + 1] - from;
        return new AbstractList<>() {
            @Override
            public Neighbor get(int i) {
                if (i < 0 || i >= n) {
                    throw new IndexOutOfBoundsException("hit " + i + " of " + n);
                }
                return new Neighbor(ids[from + i], distances[from + i]);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /** All hits' ids, query after query (a copy). */
    public long[] flatIds() {
        return ids.clone();
    }

    /** All hits' distances, query after query (a copy). */
    public int[] flatDistances() {
        return distances.clone();
    }

    /** {@code queryCount() + 1} offsets into the flat arrays (a copy). */
    public int[] offsets() {
        return offsets.clone();
    }

    private int index(int q, int rank) {
        checkQuery(q);
        int n = offsets[q + 1] - offsets[q];
        if (rank < 0 || rank >= n) {
            throw new IndexOutOfBoundsException("rank " + rank + " of " + n + " hits for query " + q);
        }
        return offsets[q] + rank;
    }

    private void checkQuery(int q) {
        if (q < 0 || q >= offsets.length - 1) {
            throw new IndexOutOfBoundsException("query " + q + " of " + (offsets.length - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SearchResult)) {
            return false;
        }
        SearchResult r = (SearchResult) o;
        return Arrays.equals(offsets, r.offsets) && Arrays.equals(ids, r.ids) && Arrays.equals(distances, r.distances);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(offsets) + Arrays.hashCode(ids)) + Arrays.hashCode(distances);
    }

    /** A short description; per-query hits for small results. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SearchResult[" + queryCount() + " queries, " + ids.length + " hits");
        if (ids.length <= 50) {
            for (int q = 0; q < queryCount(); q++) {
                sb.append(q == 0 ? ": " : "; ").append(q).append(" ->");
                for (int i = offsets[q]; i < offsets[q + 1]; i++) {
                    sb.append(' ').append(ids[i]).append('@').append(distances[i]);
                }
            }
        }
        return sb.append(']').toString();
    }
}
