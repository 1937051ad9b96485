package org.hashing4j.core.index;

import java.util.Arrays;

/**
 * Collects the k nearest positions of one query by counting distances instead of keeping a heap.
 *
 * <p>A Hamming distance is one of {@code bits + 1} small integers, so the collector keeps a histogram
 * of the distances it retained and a <em>cut</em>: the smallest distance D such that at least k
 * retained candidates lie at distance ≤ D. A scan only offers a position whose distance is ≤ the
 * cut; once k candidates are in, the cut drops quickly and almost every code is rejected by one
 * comparison in the scan loop (the "early cut"). Candidates above the cut are discarded lazily when
 * the buffer fills. At the end all candidates at distance &lt; D are hits, and the ties at D are
 * ordered by id, so the result is exact and deterministic.
 *
 * <p>With {@code k = Integer.MAX_VALUE} and a starting cut r it collects every position within
 * radius r, which is how range searches use it. One collector per thread, reused across queries.
 */
final class TopKCollector {
    private final int maxDistance;
    private final int[] hist;
    private int k;
    private int cut;
    /** Retained candidates with distance ≤ cut. */
    private int countWithinCut;
    private int[] pos = new int[256];
    private int[] dist = new int[256];
    private int size;
    /** Scratch for the scan kernels: codes of one run that passed the cut. */
    final int[] hits = new int[CodeScanner.HITS];

    TopKCollector(int bits) {
        this.maxDistance = bits;
        this.hist = new int[bits + 1];
    }

    /** Starts a top-k query. */
    void resetTopK(int k) {
        reset(k, maxDistance);
    }

    /** Starts a range query: everything within {@code radius}. */
    void resetRange(int radius) {
        reset(Integer.MAX_VALUE, Math.min(radius, maxDistance));
    }

    private void reset(int k, int cut) {
        this.k = k;
        this.cut = cut;
        Arrays.fill(hist, 0);
        countWithinCut = 0;
        size = 0;
    }

    /** Offers only positions with distance ≤ this are retained. */
    int cut() {
        return cut;
    }

    /** Whether k candidates are in (for range queries: never). */
    boolean full() {
        return countWithinCut >= k;
    }

    /**
     * Retains position {@code p} at distance {@code d}; the caller has checked {@code d <= cut()}.
     *
     * @return the new cut
     */
    int offer(int p, int d) {
        if (size == pos.length) {
            compactOrGrow();
        }
        pos[size] = p;
        dist[size] = d;
        size++;
        hist[d]++;
        countWithinCut++;
        // Lower the cut while the candidates strictly below it already number k.
        while (countWithinCut - hist[cut] >= k) {
            countWithinCut -= hist[cut];
            hist[cut] = 0;
            cut--;
        }
        return cut;
    }

    private void compactOrGrow() {
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (dist[i] <= cut) {
                pos[j] = pos[i];
                dist[j] = dist[i];
                j++;
            }
        }
        size = j;
        if (size > pos.length / 2) {
            pos = Arrays.copyOf(pos, pos.length * 2);
            dist = Arrays.copyOf(dist, dist.length * 2);
        }
    }

    /** Offers every retained candidate of {@code other} (merging per-block collectors of one query). */
    void offerAll(TopKCollector other) {
        for (int i = 0; i < other.size; i++) {
            int d = other.dist[i];
            if (d <= cut && d <= other.cut) {
                offer(other.pos[i], d);
            }
        }
    }

    /**
     * The hits: up to k candidates in ascending distance, ties in ascending id. Ids come from the
     * store; the id arrays are written to {@code outIds[0]} and {@code outDistances[0]}.
     */
    void finish(CodeStore store, long[][] outIds, int[][] outDistances) {
        // Counting sort of the retained candidates by distance.
        int[] start = new int[cut + 2];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (dist[i] <= cut) {
                start[dist[i] + 1]++;
                n++;
            }
        }
        for (int d = 0; d <= cut; d++) {
            start[d + 1] += start[d];
        }
        long[] ids = new long[n];
        int[] fill = Arrays.copyOf(start, cut + 1);
        for (int i = 0; i < size; i++) {
            int d = dist[i];
            if (d <= cut) {
                ids[fill[d]++] = store.idAt(pos[i]);
            }
        }
        int take = (int) Math.min(n, (long) k);
        long[] hitIds = new long[take];
        int[] hitD = new int[take];
        for (int d = 0, j = 0; d <= cut && j < take; d++) {
            // Within one distance, order by id (ids are distinct, so this is a total order).
            Arrays.sort(ids, start[d], start[d + 1]);
            for (int i = start[d]; i < start[d + 1] && j < take; i++, j++) {
                hitIds[j] = ids[i];
                hitD[j] = d;
            }
        }
        outIds[0] = hitIds;
        outDistances[0] = hitD;
    }
}
