package org.hashing4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Hamming;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;

class NearDuplicateJoinTest extends SparkTestBase {

    private static List<String> bruteForce(BinaryCodes c, long[] ids, int radius) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            for (int j = i + 1; j < c.size(); j++) {
                int d = Hamming.distance(c, i, c, j);
                if (d <= radius) {
                    long a = Math.min(ids[i], ids[j]);
                    long b = Math.max(ids[i], ids[j]);
                    out.add(a + "," + b + "," + d);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> join(BinaryCodes c, long[] ids, int radius) {
        List<String> out = new ArrayList<>();
        for (Row r : NearDuplicateJoin.pairs(CodeTable.fromCodes(spark, c, ids, null, 3), radius).collectAsList()) {
            assertTrue(r.getLong(0) < r.getLong(1), "id1 < id2");
            out.add(r.getLong(0) + "," + r.getLong(1) + "," + r.getInt(2));
        }
        out.sort(null);
        return out;
    }

    private static long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = n - 1 - i + (i % 2) * 10_000L; // unique, not in order
        }
        return ids;
    }

    @Test
    void equalsBruteForceOnClusteredCodes() {
        for (int bits : new int[] {64, 30, 96}) {
            BinaryCodes c = clustered(1500, bits, 20, 0.03, bits);
            long[] ids = ids(c.size());
            for (int r : new int[] {0, 1, 3, 6}) {
                List<String> want = bruteForce(c, ids, r);
                assertEquals(want, join(c, ids, r), bits + " bits, radius " + r);
                if (r >= 3) {
                    assertTrue(want.size() > 1000, "clustered codes should give many pairs, got " + want.size());
                }
            }
        }
    }

    @Test
    void equalsBruteForceOnRandomCodes() {
        BinaryCodes c = random(1500, 16, 5); // 16 random bits: pairs at every distance
        long[] ids = ids(c.size());
        for (int r : new int[] {0, 2, 4}) {
            assertEquals(bruteForce(c, ids, r), join(c, ids, r), "radius " + r);
        }
        BinaryCodes wide = random(800, 64, 6);
        assertEquals(bruteForce(wide, ids(800), 20), join(wide, ids(800), 20));
    }

    @Test
    void radiusAtLeastTheBitLengthGivesEveryPair() {
        BinaryCodes c = random(60, 8, 7);
        long[] ids = ids(60);
        assertEquals(60 * 59 / 2, join(c, ids, 8).size());
        assertEquals(bruteForce(c, ids, 9), join(c, ids, 9));
    }

    @Test
    void substringsCoverTheCodeWithoutOverlap() {
        assertArrayEquals(new int[] {0, 22, 43, 64}, NearDuplicateJoin.substringBounds(64, 3));
        long[] w = {0x0123456789ABCDEFL, 0xF000000000000000L};
        assertArrayEquals(new long[] {0x0123456789ABCDEFL}, NearDuplicateJoin.substring(w, 0, 64));
        assertArrayEquals(new long[] {0x123456789ABCDEFFL}, NearDuplicateJoin.substring(w, 4, 68));
        assertArrayEquals(new long[] {0x0000000000000000L}, NearDuplicateJoin.substring(w, 0, 4));
        assertArrayEquals(new long[] {0xF000000000000000L}, NearDuplicateJoin.substring(w, 64, 68));
    }

    @Test
    void negativeRadiusIsRefused() {
        assertThrows(HashingException.class,
                () -> NearDuplicateJoin.pairs(CodeTable.fromCodes(spark, random(5, 8, 1), null, null, 1), -1));
    }
}
