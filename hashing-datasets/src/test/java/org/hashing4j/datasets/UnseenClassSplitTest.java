package org.hashing4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.split.ClassHoldout;
import org.junit.jupiter.api.Test;

/** The seen/unseen-class protocol on small synthetic splits. */
class UnseenClassSplitTest {
    private static FeatureSet set(int[] labels, String name) {
        float[][] x = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            // The first feature records the class, so the test can tell where each row came from.
            x[i] = new float[] {labels[i], i};
        }
        return new FeatureSet(x, Labels.singleLabel(labels), null, name);
    }

    private static int[] labels(int n, int classes, long seed) {
        Random r = new Random(seed);
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i < classes ? i : r.nextInt(classes);
        }
        return l;
    }

    @Test
    void singleLabelTrainsOnSeenClassesOnlyAndSplitsTheQueries() {
        FeatureSet train = set(labels(200, 5, 1), "train");
        FeatureSet query = set(labels(50, 5, 2), "query");
        RetrievalSplit split = new RetrievalSplit("toy", "standard", 1, train, query, train, List.of(), null);
        UnseenClassSplit u = UnseenClassSplit.of(split, ClassHoldout.of(5, List.of(1, 3)));

        for (int i = 0; i < u.train().size(); i++) {
            int original = (int) u.train().features()[i][0];
            assertTrue(original != 1 && original != 3, "no unseen-class item in training");
            // Seen classes 0, 2, 4 are renumbered 0, 1, 2.
            assertEquals(new int[] {0, -1, 1, -1, 2}[original], u.train().labels().classOf(i));
        }
        long seenTrain = java.util.Arrays.stream(train.labels().classIndices()).filter(c -> c != 1 && c != 3).count();
        assertEquals(seenTrain, u.train().size(), "every seen training item is kept");
        for (int i = 0; i < u.seenQueries().size(); i++) {
            int c = u.seenQueries().labels().classOf(i);
            assertTrue(c == 0 || c == 2 || c == 4, "seen queries keep their original labels");
        }
        for (int i = 0; i < u.unseenQueries().size(); i++) {
            int c = u.unseenQueries().labels().classOf(i);
            assertTrue(c == 1 || c == 3);
        }
        assertEquals(query.size(), u.seenQueries().size() + u.unseenQueries().size());
        assertSame(train, u.database(), "the whole database is searched");
        assertTrue(u.summary().contains("[1, 3]"), u.summary());
    }

    @Test
    void multiLabelItemIsSeenIfAnyLabelIsSeen() {
        int[][] hot = {{1, 0, 0}, {0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {0, 0, 0}};
        Labels l = Labels.multiHot(hot);
        ClassHoldout h = ClassHoldout.of(3, List.of(2));
        assertArrayEquals(new int[] {0, 2, 3}, h.seenItems(l));
        assertArrayEquals(new int[] {1}, h.unseenItems(l), "all labels unseen; the unlabelled item is neither");
        Labels t = h.trainingLabels(l, new int[] {0, 2, 3});
        assertEquals(2, t.numClasses(), "training labels keep the seen columns only");
        assertTrue(t.has(1, 0) && !t.has(2, 0) && t.has(2, 1));
    }

    @Test
    void randomChoiceIsSeededAndRounded() {
        ClassHoldout a = ClassHoldout.random(10, 0.25, 7);
        assertEquals(3, a.unseen().length, "round(2.5) = 3");
        assertEquals(a, ClassHoldout.random(10, 0.25, 7));
        boolean differs = false;
        for (long seed = 8; seed < 20 && !differs; seed++) {
            differs = !a.equals(ClassHoldout.random(10, 0.25, seed));
        }
        assertTrue(differs, "other seeds choose other classes");
        assertEquals(1, ClassHoldout.random(10, 0.01, 1).unseen().length, "at least one class");
        assertEquals(9, ClassHoldout.random(10, 0.99, 1).unseen().length, "at least one seen class");
        assertNotEquals(0, ClassHoldout.random(3, 0.5, 1).seen().length);
    }

    @Test
    void badHoldoutsAreRefusedWithOneLine() {
        assertTrue(assertThrows(HashingException.class, () -> ClassHoldout.of(5, List.of(5))).getMessage()
                .contains("unseen class 5 is not a class"));
        assertTrue(assertThrows(HashingException.class, () -> ClassHoldout.of(5, List.of(1, 1))).getMessage()
                .contains("listed twice"));
        assertTrue(assertThrows(HashingException.class, () -> ClassHoldout.of(2, List.of(0, 1))).getMessage()
                .contains("at least one class must stay seen"));
        assertThrows(HashingException.class, () -> ClassHoldout.random(10, 1.0, 1));
        FeatureSet train = set(new int[] {0, 1, 0, 1}, "train");
        FeatureSet query = set(new int[] {0, 0}, "query");
        RetrievalSplit split = new RetrievalSplit("toy", "standard", 1, train, query, train, List.of(), null);
        assertTrue(assertThrows(HashingException.class,
                () -> UnseenClassSplit.of(split, ClassHoldout.of(2, List.of(1)))).getMessage()
                .contains("no queries of unseen classes only"));
    }
}
