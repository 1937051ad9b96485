package org.hashing4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;

/** Edge cases of the metric definitions, each worked out by hand, for both scorers. */
class EdgeCaseTest {
    private static final EvalOptions OPTIONS = EvalOptions.builder().topK(EvalOptions.ALL, 2, 100).radii(0, 1)
            .precisionAtN(1, 100).threads(1).build();

    private static RetrievalMetrics both(BinaryCodes q, BinaryCodes db, Relevance rel) {
        RetrievalMetrics fast = RetrievalEvaluator.evaluate(q, db, rel, OPTIONS, false);
        RetrievalMetrics slow = RetrievalEvaluator.evaluate(q, db, rel, OPTIONS, true);
        assertEquals(RetrievalEvaluatorTest.withoutTiming(slow.toMap(), false),
                RetrievalEvaluatorTest.withoutTiming(fast.toMap(), false));
        return fast;
    }

    @Test
    void queryWithNoRelevantItemScoresZeroButCountsInTheMean() {
        BinaryCodes db = BinaryCodes.fromBitStrings("000", "001", "011");
        BinaryCodes q = BinaryCodes.fromBitStrings("000", "000");
        // Query 0 (class 0): relevant item 0 at rank 1 -> AP 1. Query 1 (class 9): nothing relevant.
        Relevance rel = Relevance.ofLabels(Labels.singleLabel(new int[] {0, 9}), Labels.singleLabel(new int[] {0, 1, 1}));
        RetrievalMetrics m = both(q, db, rel);
        assertEquals(1, m.queriesWithoutRelevant());
        assertEquals(0.5, m.mapAll(), 1e-15, "mAP divides by all queries");
        assertEquals(0.5, m.mapAt(2), 1e-15);
        assertEquals(0.5, m.recallWithinRadius(0), 1e-15, "recall 1 and 0");
        assertEquals(0.5, m.precisionWithinRadius(0), 1e-15, "the item at distance 0 is relevant for query 0 only");
        assertEquals(0.5, m.precisionAtN(1), 1e-15);
    }

    @Test
    void cutOffsBeyondTheDatabaseMeanTheWholeDatabase() {
        BinaryCodes db = BinaryCodes.fromBitStrings("11", "00", "01");
        BinaryCodes q = BinaryCodes.fromBitStrings("00");
        Relevance rel = Relevance.ofLabels(Labels.singleLabel(new int[] {1}), Labels.singleLabel(new int[] {1, 0, 0}));
        RetrievalMetrics m = both(q, db, rel);
        // Ranking: 1 (d0), 2 (d1), 0 (d2); the relevant item is last: AP = 1/3.
        assertEquals(1.0 / 3, m.mapAll(), 1e-15);
        assertEquals(m.mapAll(), m.mapAt(100));
        assertEquals(0.0, m.mapAt(2), "no relevant item in the top 2");
        assertEquals(1.0 / 3, m.precisionAtN(100), 1e-15, "P@N with N > n is the precision of all n items");
    }

    @Test
    void radiusZeroCountsOnlyExactMatches() {
        BinaryCodes db = BinaryCodes.fromBitStrings("1010", "1010", "1011", "0101");
        BinaryCodes q = BinaryCodes.fromBitStrings("1010", "1111", "0101");
        Relevance rel = Relevance.ofLabels(Labels.singleLabel(new int[] {0, 0, 0}),
                Labels.singleLabel(new int[] {0, 1, 0, 0}));
        RetrievalMetrics m = both(q, db, rel);
        // Query 0: two exact matches, one relevant -> P 1/2, R 1/3. Query 1: none (empty, P 0).
        // Query 2: one exact match, relevant -> P 1, R 1/3.
        assertEquals(1, m.emptyWithinRadius(0));
        assertEquals((0.5 + 0 + 1) / 3, m.precisionWithinRadius(0), 1e-15);
        assertEquals((1.0 / 3 + 0 + 1.0 / 3) / 3, m.recallWithinRadius(0), 1e-15);
        // Radius 1 adds item 2 for query 0 and items 2 for query 1 (1111 vs 1011).
        assertEquals(0, m.emptyWithinRadius(1));
        assertEquals((2.0 / 3 + 1.0 + 1.0) / 3, m.precisionWithinRadius(1), 1e-15);
    }

    @Test
    void identicalCodesAreRankedByIndex() {
        BinaryCodes db = BinaryCodes.fromBitStrings("0", "0", "0", "0");
        BinaryCodes q = BinaryCodes.fromBitStrings("0");
        Relevance rel = Relevance.ofNeighbours(new int[][] {{3, 1}});
        RetrievalMetrics m = both(q, db, rel);
        // Ranks 2 and 4: AP = (1/2 + 2/4) / 2.
        assertEquals(0.5, m.mapAll(), 1e-15);
        assertEquals(0.5, m.mapAt(2), 1e-15);
        assertEquals(0.5, m.precisionWithinRadius(0), 1e-15);
        assertEquals(0.0, m.precisionAtN(1));
    }

    @Test
    void emptyNeighbourListIsAQueryWithoutRelevantItems() {
        BinaryCodes db = BinaryCodes.fromBitStrings("01", "10");
        BinaryCodes q = BinaryCodes.fromBitStrings("01", "01");
        RetrievalMetrics m = both(q, db, Relevance.ofNeighbours(new int[][] {{0}, {}}));
        assertEquals(1, m.queriesWithoutRelevant());
        assertEquals(0.5, m.mapAll(), 1e-15);
    }
}
