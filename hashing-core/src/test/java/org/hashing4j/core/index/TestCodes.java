package org.hashing4j.core.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Hamming;

/** Random and clustered codes for the index tests, and a brute-force reference answer. */
final class TestCodes {
    private TestCodes() {
    }

    /** Uniformly random codes. */
    static BinaryCodes random(int n, int bits, Random rnd) {
        boolean[][] b = new boolean[n][bits];
        for (boolean[] row : b) {
            for (int j = 0; j < bits; j++) {
                row[j] = rnd.nextBoolean();
            }
        }
        return n == 0 ? BinaryCodes.fromWords(0, bits, new long[0]) : BinaryCodes.fromBooleans(b);
    }

    /**
     * Clustered codes: {@code centres} random centres; each code copies a random centre and flips
     * 0..maxFlips random bits (so exact duplicates and many ties occur).
     */
    static BinaryCodes clustered(int n, int bits, int centres, int maxFlips, Random rnd) {
        BinaryCodes c = random(centres, bits, rnd);
        return nearCentres(c, n, maxFlips, rnd);
    }

    static BinaryCodes nearCentres(BinaryCodes centres, int n, int maxFlips, Random rnd) {
        int bits = centres.bits();
        boolean[][] b = new boolean[n][bits];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(centres.size());
            for (int j = 0; j < bits; j++) {
                b[i][j] = centres.get(c, j);
            }
            int flips = rnd.nextInt(maxFlips + 1);
            for (int f = 0; f < flips; f++) {
                int j = rnd.nextInt(bits);
                b[i][j] = !b[i][j];
            }
        }
        return BinaryCodes.fromBooleans(b);
    }

    /** Distinct non-negative ids in random order, not 0..n-1. */
    static long[] shuffledIds(int n, Random rnd) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 3L * i + 7 + (i % 2 == 0 ? 1_000_000_000_000L : 0);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return ids;
    }

    /** The reference: a brute-force sort by (distance, id). */
    static final class Reference {
        final List<long[]> items = new ArrayList<>(); // {id, row in codes list}
        final List<BinaryCodes> batches = new ArrayList<>();
        final List<long[]> batchIds = new ArrayList<>();

        void add(BinaryCodes codes, long[] ids) {
            batches.add(codes);
            batchIds.add(ids.clone());
        }

        void remove(long... ids) {
            for (int b = 0; b < batchIds.size(); b++) {
                long[] bi = batchIds.get(b);
                for (int i = 0; i < bi.length; i++) {
                    for (long id : ids) {
                        if (bi[i] == id) {
                            bi[i] = -1;
                        }
                    }
                }
            }
        }

        int size() {
            int n = 0;
            for (long[] bi : batchIds) {
                for (long id : bi) {
                    n += id >= 0 ? 1 : 0;
                }
            }
            return n;
        }

        /** (id, distance) pairs of every live item for query q, sorted by (distance, id). */
        long[][] ranked(BinaryCodes queries, int q) {
            List<long[]> all = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) {
                long[] bi = batchIds.get(b);
                for (int i = 0; i < bi.length; i++) {
                    if (bi[i] >= 0) {
                        all.add(new long[] {bi[i], Hamming.distance(queries, q, batches.get(b), i)});
                    }
                }
            }
            all.sort(Comparator.<long[]>comparingLong(a -> a[1]).thenComparingLong(a -> a[0]));
            return all.toArray(new long[0][]);
        }

        SearchResult search(BinaryCodes queries, int k) {
            long[][] ids = new long[queries.size()][];
            int[][] d = new int[queries.size()][];
            for (int q = 0; q < queries.size(); q++) {
                long[][] r = ranked(queries, q);
                int n = Math.min(k, r.length);
                ids[q] = new long[n];
                d[q] = new int[n];
                for (int i = 0; i < n; i++) {
                    ids[q][i] = r[i][0];
                    d[q][i] = (int) r[i][1];
                }
            }
            return SearchResult.of(ids, d);
        }

        SearchResult range(BinaryCodes queries, int radius) {
            long[][] ids = new long[queries.size()][];
            int[][] d = new int[queries.size()][];
            for (int q = 0; q < queries.size(); q++) {
                long[][] r = ranked(queries, q);
                int n = 0;
                while (n < r.length && r[n][1] <= radius) {
                    n++;
                }
                ids[q] = new long[n];
                d[q] = new int[n];
                for (int i = 0; i < n; i++) {
                    ids[q][i] = r[i][0];
                    d[q][i] = (int) r[i][1];
                }
            }
            return SearchResult.of(ids, d);
        }
    }

    static String describe(SearchResult expected, SearchResult actual) {
        for (int q = 0; q < expected.queryCount(); q++) {
            if (!Arrays.equals(expected.ids(q), actual.ids(q)) || !Arrays.equals(expected.distances(q), actual.distances(q))) {
                return "query " + q + ": expected " + expected.neighbors(q) + " but got " + actual.neighbors(q);
            }
        }
        return "equal";
    }
}
