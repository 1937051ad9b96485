package org.hashing4j.datasets.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;

class SplitsTest {
    private static Labels pool(int n, int classes, long seed) {
        int[] l = new int[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            l[i] = r.nextInt(classes);
        }
        return Labels.singleLabel(l);
    }

    @Test
    void classBalancedDisjointAndComplete() {
        Labels labels = pool(3000, 5, 1);
        SplitIndices s = Splits.sampledPerClass(labels, 20, 100, 42);
        assertEquals(100, s.query().length);
        assertEquals(2900, s.database().length);
        assertEquals(500, s.train().length);
        int[] qPerClass = new int[5];
        int[] tPerClass = new int[5];
        for (int q : s.query()) {
            qPerClass[labels.classOf(q)]++;
        }
        for (int t : s.train()) {
            tPerClass[labels.classOf(t)]++;
        }
        assertArrayEquals(new int[] {20, 20, 20, 20, 20}, qPerClass);
        assertArrayEquals(new int[] {100, 100, 100, 100, 100}, tPerClass);
        Set<Integer> query = new HashSet<>();
        Arrays.stream(s.query()).forEach(query::add);
        Set<Integer> db = new HashSet<>();
        Arrays.stream(s.database()).forEach(db::add);
        assertEquals(100, query.size(), "no repeated query");
        assertEquals(2900, db.size(), "no repeated database item");
        for (int q : query) {
            assertFalse(db.contains(q), "query " + q + " also in the database");
        }
        Set<Integer> union = new HashSet<>(query);
        union.addAll(db);
        assertEquals(3000, union.size(), "every item is a query or in the database");
        for (int t : s.train()) {
            assertTrue(db.contains(t), "training item " + t + " not in the database");
        }
        for (int[] a : new int[][] {s.query(), s.database(), s.train()}) {
            int[] sorted = a.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, a, "ascending order");
        }
    }

    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() {
        Labels labels = pool(2000, 4, 2);
        SplitIndices a = Splits.sampledPerClass(labels, 10, 50, 7);
        SplitIndices b = Splits.sampledPerClass(labels, 10, 50, 7);
        SplitIndices c = Splits.sampledPerClass(labels, 10, 50, 8);
        assertArrayEquals(a.query(), b.query());
        assertArrayEquals(a.database(), b.database());
        assertArrayEquals(a.train(), b.train());
        assertFalse(Arrays.equals(a.query(), c.query()));
        assertFalse(Arrays.equals(a.train(), c.train()));
    }

    @Test
    void pinnedDrawForSeedZero() {
        // guards against accidental changes of the drawing procedure (which would change every
        // published split): 12 items, classes 0,1,2 repeating, 1 query and 2 training items per class
        int[] l = new int[12];
        Arrays.setAll(l, i -> i % 3);
        SplitIndices s = Splits.sampledPerClass(Labels.singleLabel(l), 1, 2, 0);
        SplitIndices again = Splits.sampledPerClass(Labels.singleLabel(l), 1, 2, 0);
        assertArrayEquals(again.query(), s.query());
        Random r = new Random(0);
        // class 0 members 0,3,6,9: first pick index r.nextInt(4) of them, etc.
        int q0 = new int[] {0, 3, 6, 9}[r.nextInt(4)];
        int q1 = new int[] {1, 4, 7, 10}[r.nextInt(4)];
        int q2 = new int[] {2, 5, 8, 11}[r.nextInt(4)];
        int[] expected = {q0, q1, q2};
        Arrays.sort(expected);
        assertArrayEquals(expected, s.query());
    }

    @Test
    void tooFewItemsOfAClassIsAClearError() {
        int[] l = {0, 0, 0, 1, 1};
        HashingException e = assertThrows(HashingException.class,
                () -> Splits.sampledPerClass(Labels.singleLabel(l), 1, 2, 0));
        assertEquals("class 1 has 2 items, too few for 1 queries and 2 training items per class", e.getMessage());
        // the per-class draw itself also guards
        HashingException d = assertThrows(HashingException.class, () -> Splits.samplePerClass(Labels.singleLabel(l),
                new int[] {0, 1, 2, 3}, 2, new Random(0), "training items"));
        assertEquals("cannot draw 2 training items of class 1: only 1 available", d.getMessage());
        assertThrows(HashingException.class, () -> Splits.sampledPerClass(Labels.singleLabel(l), 3, 1, 0));
    }
}
