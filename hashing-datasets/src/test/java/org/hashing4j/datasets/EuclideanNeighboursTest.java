package org.hashing4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;

class EuclideanNeighboursTest {
    @Test
    void matchesBruteForceOnIntegerGrid() {
        // Integer coordinates make every squared distance exact in float, so the order must match exactly.
        Random rnd = new Random(7);
        float[][] db = new float[700][5];
        float[][] q = new float[40][5];
        for (float[] row : db) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextInt(6);
            }
        }
        for (float[] row : q) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextInt(6);
            }
        }
        for (int k : new int[] {1, 10, 700}) {
            int[][] got = EuclideanNeighbours.kNearest(q, db, k);
            for (int i = 0; i < q.length; i++) {
                float[] qi = q[i];
                int[] expected = IntStream.range(0, db.length).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(j -> sq(qi, db[j])).thenComparing(j -> j))
                        .limit(k).mapToInt(Integer::intValue).toArray();
                assertArrayEquals(expected, got[i], "query " + i + ", k " + k);
            }
        }
    }

    @Test
    void rejectsBadK() {
        float[][] db = {{0f}, {1f}};
        assertThrows(HashingException.class, () -> EuclideanNeighbours.kNearest(db, db, 3));
        assertThrows(HashingException.class, () -> EuclideanNeighbours.kNearest(db, db, 0));
    }

    private static double sq(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

}
