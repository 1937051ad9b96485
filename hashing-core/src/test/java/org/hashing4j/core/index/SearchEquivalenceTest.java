package org.hashing4j.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests: the exhaustive index and multi-index hashing (with and without its fall-back to
 * the scan) give exactly the brute-force answer (distance, then id) for top-k and range queries, on
 * random and clustered codes of many bit lengths, with arbitrary ids, appends after the tables were
 * built, and removals.
 */
class SearchEquivalenceTest {

    @ParameterizedTest
    @ValueSource(ints = {8, 13, 32, 64, 65, 100, 128, 256})
    void allKindsMatchBruteForce(int bits) {
        Random rnd = new Random(1000 + bits);
        for (boolean clustered : new boolean[] {false, true}) {
            int n = 700;
            BinaryCodes centres = TestCodes.random(12, bits, rnd);
            BinaryCodes db = clustered ? TestCodes.nearCentres(centres, n, 3, rnd) : TestCodes.random(n, bits, rnd);
            BinaryCodes more = clustered ? TestCodes.nearCentres(centres, 90, 3, rnd) : TestCodes.random(90, bits, rnd);
            BinaryCodes queries = clustered ? TestCodes.nearCentres(centres, 25, 4, rnd) : TestCodes.random(25, bits, rnd);
            // Include stored codes as queries: distance-0 hits and heavy ties.
            queries = queries.concat(db.select(new int[] {0, 5, 17}));
            long[] ids = TestCodes.shuffledIds(n + 90, rnd);
            long[] ids1 = Arrays.copyOf(ids, n);
            long[] ids2 = Arrays.copyOfRange(ids, n, n + 90);

            TestCodes.Reference ref = new TestCodes.Reference();
            ExhaustiveIndex flat = new ExhaustiveIndex(bits, 2);
            MultiIndexHashing mih = new MultiIndexHashing(bits, 2);
            MultiIndexHashing mihProbeOnly = new MultiIndexHashing(bits, 1);
            mihProbeOnly.scanFallback = false;
            HammingIndex[] all = {flat, mih, mihProbeOnly};
            ref.add(db, ids1);
            for (HammingIndex index : all) {
                index.add(db, ids1);
            }
            String label = bits + " bits, " + (clustered ? "clustered" : "random");
            check(label + ", built", ref, all, queries, bits);

            // Appended codes stay in the MIH tail (90 < 700/8 + 256) and are scanned.
            ref.add(more, ids2);
            for (HammingIndex index : all) {
                index.add(more, ids2);
            }
            check(label + ", after append", ref, all, queries, bits);

            long[] gone = {ids1[0], ids1[5], ids2[3], ids1[100], ids1[101]};
            ref.remove(gone);
            for (HammingIndex index : all) {
                assertEquals(5, index.remove(gone));
                assertEquals(ref.size(), index.size());
            }
            check(label + ", after removal", ref, all, queries, bits);
        }
    }

    private static void check(String label, TestCodes.Reference ref, HammingIndex[] indexes, BinaryCodes queries,
            int bits) {
        int n = ref.size();
        for (int k : new int[] {1, 3, 10, 57, n + 5}) {
            SearchResult expected = ref.search(queries, k);
            for (HammingIndex index : indexes) {
                SearchResult got = index.search(queries, k);
                assertEquals(expected, got, label + ", k=" + k + ", " + index + ": " + TestCodes.describe(expected, got));
            }
        }
        for (int r : new int[] {0, 1, 2, 3, 5, bits / 4, bits}) {
            SearchResult expected = ref.range(queries, r);
            for (HammingIndex index : indexes) {
                SearchResult got = index.rangeSearch(queries, r);
                assertEquals(expected, got, label + ", radius=" + r + ", " + index + ": " + TestCodes.describe(expected, got));
            }
        }
    }

    @Test
    void substringCountsFromOneToManyAreExact() {
        Random rnd = new Random(5);
        int bits = 40;
        BinaryCodes db = TestCodes.clustered(400, bits, 9, 4, rnd);
        BinaryCodes queries = TestCodes.clustered(20, bits, 9, 6, rnd).concat(TestCodes.random(10, bits, rnd));
        TestCodes.Reference ref = new TestCodes.Reference();
        long[] ids = TestCodes.shuffledIds(400, rnd);
        ref.add(db, ids);
        for (int m : new int[] {2, 3, 4, 7, 13, 40}) {
            MultiIndexHashing mih = new MultiIndexHashing(bits, 1, m);
            mih.scanFallback = false;
            mih.add(db, ids);
            assertEquals(m, mih.substrings());
            for (int k : new int[] {1, 8, 50}) {
                SearchResult e = ref.search(queries, k);
                SearchResult g = mih.search(queries, k);
                assertEquals(e, g, "m=" + m + " k=" + k + ": " + TestCodes.describe(e, g));
            }
            for (int r = 0; r <= 9; r++) {
                SearchResult e = ref.range(queries, r);
                SearchResult g = mih.rangeSearch(queries, r);
                assertEquals(e, g, "m=" + m + " r=" + r + ": " + TestCodes.describe(e, g));
            }
        }
    }

    @Test
    void singleQuerySplitOverBlocksMatchesOneThread() {
        // Enough codes that one query is split over database blocks on 3 threads.
        Random rnd = new Random(11);
        int n = 6 * CodeScanner.BLOCK + 123;
        BinaryCodes db = TestCodes.clustered(n, 64, 50, 3, rnd);
        BinaryCodes queries = TestCodes.clustered(2, 64, 50, 3, rnd);
        ExhaustiveIndex one = new ExhaustiveIndex(64, 1);
        ExhaustiveIndex three = new ExhaustiveIndex(64, 3);
        one.add(db);
        three.add(db);
        one.remove(5, 6, 7, n - 1);
        three.remove(5, 6, 7, n - 1);
        for (int k : new int[] {1, 10, 1000}) {
            assertEquals(one.search(queries, k), three.search(queries, k), "k=" + k);
        }
        for (int r : new int[] {0, 2, 6}) {
            assertEquals(one.rangeSearch(queries, r), three.rangeSearch(queries, r), "r=" + r);
        }
        MultiIndexHashing mih = new MultiIndexHashing(64, 2);
        mih.add(db);
        mih.remove(5, 6, 7, n - 1);
        assertEquals(one.search(queries, 10), mih.search(queries, 10));
        assertEquals(one.rangeSearch(queries, 3), mih.rangeSearch(queries, 3));
    }

    @Test
    void manySmallAddsRebuildTheTablesAndStayExact() {
        Random rnd = new Random(3);
        int bits = 48;
        BinaryCodes centres = TestCodes.random(5, bits, rnd);
        TestCodes.Reference ref = new TestCodes.Reference();
        MultiIndexHashing mih = new MultiIndexHashing(bits, 1);
        ExhaustiveIndex flat = new ExhaustiveIndex(bits, 1);
        BinaryCodes queries = TestCodes.nearCentres(centres, 10, 3, rnd);
        int substringsSeen = 0;
        for (int round = 0; round < 40; round++) {
            BinaryCodes batch = TestCodes.nearCentres(centres, 37, 4, rnd);
            long[] got = mih.add(batch);
            assertTrue(Arrays.equals(got, flat.add(batch)));
            ref.add(batch, got);
            if (round % 7 == 3) {
                long[] gone = {got[0], got[36]};
                mih.remove(gone);
                flat.remove(gone);
                ref.remove(gone);
            }
            substringsSeen = Math.max(substringsSeen, mih.substrings());
            assertEquals(ref.search(queries, 7), mih.search(queries, 7), "round " + round);
            assertEquals(ref.range(queries, 4), mih.rangeSearch(queries, 4), "round " + round);
        }
        assertEquals(ref.search(queries, 12), flat.search(queries, 12));
        assertTrue(substringsSeen >= 2, "tables were built");
    }

    @Test
    void heavyRemovalCompactsAndKeepsIdsAndAnswers() {
        Random rnd = new Random(8);
        BinaryCodes db = TestCodes.clustered(300, 32, 4, 2, rnd);
        TestCodes.Reference ref = new TestCodes.Reference();
        MultiIndexHashing mih = new MultiIndexHashing(32, 2);
        ExhaustiveIndex flat = new ExhaustiveIndex(32, 2);
        long[] ids = mih.add(db);
        flat.add(db);
        ref.add(db, ids);
        long[] gone = Arrays.copyOf(ids, 200);
        mih.remove(gone);
        flat.remove(gone);
        ref.remove(gone);
        assertEquals(100, mih.size());
        assertEquals(false, mih.contains(ids[0]));
        assertEquals(true, mih.contains(ids[250]));
        assertTrue(Arrays.equals(Arrays.copyOfRange(ids, 200, 300), mih.ids()));
        BinaryCodes queries = TestCodes.clustered(10, 32, 4, 2, rnd);
        assertEquals(ref.search(queries, 15), mih.search(queries, 15));
        assertEquals(ref.search(queries, 15), flat.search(queries, 15));
        assertEquals(ref.range(queries, 3), mih.rangeSearch(queries, 3));
        // Automatic ids continue above every id ever given, even after removal and compaction.
        long[] next = mih.add(db.select(new int[] {0}));
        assertEquals(300, next[0]);
        assertEquals(db.select(new int[] {250, 0}), mih.codes(ids[250], 300));
    }

    @Test
    void emptyIndexAndSmallKGiveEmptyOrShortResults() {
        for (HammingIndex index : new HammingIndex[] {new ExhaustiveIndex(16, 1), new MultiIndexHashing(16, 1)}) {
            BinaryCodes q = BinaryCodes.fromBitStrings("1010101010101010");
            assertEquals(0, index.search(q, 5).count(0));
            assertEquals(0, index.rangeSearch(q, 16).count(0));
            index.add(BinaryCodes.fromBitStrings("1010101010101011", "0101010101010101"), new long[] {9, 4});
            SearchResult r = index.search(q, 5);
            assertEquals(2, r.count(0));
            assertEquals(new Neighbor(9, 1), r.neighbors(0).get(0));
            assertEquals(new Neighbor(4, 16), r.neighbors(0).get(1));
            assertEquals(1, index.rangeSearch(q, 15).count(0));
            assertEquals(2, index.rangeSearch(q, 16).count(0), "radius is inclusive");
        }
    }
}
