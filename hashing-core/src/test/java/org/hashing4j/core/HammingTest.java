package org.hashing4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HammingTest {

    static BinaryCodes random(int n, int bits, long seed) {
        Random r = new Random(seed);
        boolean[][] m = new boolean[n][bits];
        for (boolean[] row : m) {
            for (int j = 0; j < bits; j++) {
                row[j] = r.nextBoolean();
            }
        }
        return BinaryCodes.fromBooleans(m);
    }

    /** Distance counted bit by bit, independent of the packed layout. */
    private static int naiveDistance(BinaryCodes a, int i, BinaryCodes b, int j) {
        int d = 0;
        for (int k = 0; k < a.bits(); k++) {
            if (a.get(i, k) != b.get(j, k)) {
                d++;
            }
        }
        return d;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 63, 64, 65, 128, 130, 200})
    void kernelsAgreeWithBitByBitCounting(int bits) {
        BinaryCodes q = random(4, bits, bits);
        BinaryCodes db = random(37, bits, bits + 1);
        for (int i = 0; i < q.size(); i++) {
            int[] all = Hamming.distances(q, i, db);
            int[] part = new int[db.size()];
            Arrays.fill(part, -1);
            Hamming.distances(q, i, db, 5, 20, part);
            for (int j = 0; j < db.size(); j++) {
                int expected = naiveDistance(q, i, db, j);
                assertEquals(expected, Hamming.distance(q, i, db, j));
                assertEquals(expected, Hamming.distance(q.row(i), db.row(j)));
                assertEquals(expected, all[j]);
                assertEquals(j >= 5 && j < 20 ? expected : -1, part[j]);
            }
        }
    }

    @Test
    void distanceToItselfIsZeroAndToTheComplementIsBits() {
        BinaryCodes c = BinaryCodes.fromBitStrings("1011001", "0100110");
        assertEquals(0, Hamming.distance(c, 0, c, 0));
        assertEquals(7, Hamming.distance(c, 0, c, 1));
    }

    @Test
    void differentBitLengthsAreAnError() {
        BinaryCodes a = BinaryCodes.fromBitStrings("101");
        BinaryCodes b = BinaryCodes.fromBitStrings("1010");
        assertThrows(HashingException.class, () -> Hamming.distance(a, 0, b, 0));
        assertThrows(HashingException.class, () -> Hamming.distances(a, 0, b));
        assertThrows(HashingException.class, () -> new HammingRanking(b).rank(a, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 64, 65, 130})
    void countingSortEqualsAStableComparisonSort(int bits) {
        // Few bits and many items give many ties, which is where the tie-break matters.
        BinaryCodes db = random(500, bits, 10 * bits);
        BinaryCodes q = random(20, bits, 10 * bits + 1);
        HammingRanking ranker = new HammingRanking(db);
        assertSame(db, ranker.database());
        for (int i = 0; i < q.size(); i++) {
            int[] d = Hamming.distances(q, i, db);
            Integer[] boxed = new Integer[db.size()];
            for (int j = 0; j < boxed.length; j++) {
                boxed[j] = j;
            }
            // Arrays.sort on objects is a stable merge sort: ties keep index order.
            Arrays.sort(boxed, Comparator.comparingInt(j -> d[j]));
            int[] expected = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
            ranker.rank(q, i);
            assertArrayEquals(expected, ranker.order(), "query " + i);
            assertArrayEquals(d, ranker.distances());
            int[] counts = new int[bits + 1];
            for (int x : d) {
                counts[x]++;
            }
            assertArrayEquals(counts, ranker.countAtDistance());
            assertArrayEquals(expected, HammingRanking.rankedOrder(q, i, db));
        }
    }

    @Test
    void tiesAreBrokenByDatabaseIndex() {
        BinaryCodes db = BinaryCodes.fromBitStrings("11", "00", "01", "00", "10", "11");
        BinaryCodes q = BinaryCodes.fromBitStrings("00");
        assertArrayEquals(new int[] {1, 3, 2, 4, 0, 5}, HammingRanking.rankedOrder(q, 0, db));
    }

    @Test
    void emptyDatabaseRanksToNothing() {
        BinaryCodes db = BinaryCodes.fromWords(0, 8, new long[0]);
        HammingRanking r = new HammingRanking(db).rank(BinaryCodes.fromBitStrings("00000000"), 0);
        assertEquals(0, r.order().length);
        assertEquals(0, Arrays.stream(r.countAtDistance()).sum());
    }
}
