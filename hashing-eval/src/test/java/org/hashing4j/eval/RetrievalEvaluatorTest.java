package org.hashing4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetrievalEvaluatorTest {

    static BinaryCodes randomCodes(int n, int bits, Random r) {
        boolean[][] m = new boolean[n][bits];
        for (boolean[] row : m) {
            for (int j = 0; j < bits; j++) {
                row[j] = r.nextBoolean();
            }
        }
        return BinaryCodes.fromBooleans(m);
    }

    /**
     * Codes that carry their class: each class has a random centre, and each code flips each centre
     * bit with probability {@code noise}; gives realistic, tie-rich rankings.
     */
    static BinaryCodes clusteredCodes(int[] labels, int classes, int bits, double noise, Random r) {
        boolean[][] centres = new boolean[classes][bits];
        Random cr = new Random(12345);
        for (boolean[] c : centres) {
            for (int j = 0; j < bits; j++) {
                c[j] = cr.nextBoolean();
            }
        }
        boolean[][] m = new boolean[labels.length][bits];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < bits; j++) {
                m[i][j] = centres[labels[i]][j] ^ (r.nextDouble() < noise);
            }
        }
        return BinaryCodes.fromBooleans(m);
    }

    static int[] randomLabels(int n, int classes, Random r) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = r.nextInt(classes);
        }
        return l;
    }

    @Test
    void smallExampleByHand() {
        // Query 00; database distances 2, 0, 1, 1 -> ranking (ties by index): 1 (d0), 2 (d1), 3 (d1), 0 (d2).
        BinaryCodes db = BinaryCodes.fromBitStrings("11", "00", "01", "10");
        BinaryCodes q = BinaryCodes.fromBitStrings("00");
        // Relevant: items 0 and 2 -> ranks 4 and 2: AP@all = (1/2 + 2/4) / 2 = 0.5.
        Relevance rel = Relevance.ofLabels(Labels.singleLabel(new int[] {7}), Labels.singleLabel(new int[] {7, 1, 7, 3}));
        EvalOptions o = EvalOptions.builder().topK(EvalOptions.ALL, 1, 2, 3).radii(0, 1, 2, 5)
                .precisionAtN(1, 2, 4, 10).threads(1).build();
        RetrievalMetrics m = RetrievalEvaluator.evaluate(q, db, rel, o);
        assertEquals(0.5, m.mapAll(), 1e-15);
        assertEquals(0.0, m.mapAt(1), 1e-15);
        assertEquals(0.5, m.mapAt(2), 1e-15, "one hit at rank 2: AP@2 = (1/2) / 1");
        assertEquals(0.5, m.mapAt(3), 1e-15);
        assertEquals(0.0, m.precisionWithinRadius(0));
        assertEquals(0, m.emptyWithinRadius(0));
        assertEquals(1.0 / 3, m.precisionWithinRadius(1), 1e-15);
        assertEquals(0.5, m.recallWithinRadius(1), 1e-15);
        assertEquals(0.5, m.precisionWithinRadius(2), 1e-15);
        assertEquals(1.0, m.recallWithinRadius(5), 1e-15, "radius above bits means everything");
        assertEquals(0.0, m.precisionAtN(1));
        assertEquals(0.5, m.precisionAtN(2));
        assertEquals(0.5, m.precisionAtN(4));
        assertEquals(0.5, m.precisionAtN(10), "N above the database size means the whole database");
        assertEquals(0, m.queriesWithoutRelevant());
        assertEquals(3, m.prCurvePrecision().length);
    }

    @Test
    void neighbourListsGiveTheSameResultAsEquivalentLabels() {
        Random r = new Random(3);
        int[] ql = randomLabels(30, 4, r);
        int[] dl = randomLabels(200, 4, r);
        BinaryCodes q = clusteredCodes(ql, 4, 24, 0.2, r);
        BinaryCodes db = clusteredCodes(dl, 4, 24, 0.2, r);
        int[][] lists = new int[ql.length][];
        for (int i = 0; i < ql.length; i++) {
            final int c = ql[i];
            // Reverse order and a duplicate: lists need not be sorted or distinct.
            lists[i] = java.util.stream.IntStream.range(0, dl.length).map(j -> dl.length - 1 - j)
                    .filter(j -> dl[j] == c).toArray();
            if (lists[i].length > 0) {
                lists[i] = java.util.stream.IntStream.concat(java.util.Arrays.stream(lists[i]),
                        java.util.stream.IntStream.of(lists[i][0])).toArray();
            }
        }
        EvalOptions o = EvalOptions.builder().topK(EvalOptions.ALL, 50).threads(2).build();
        RetrievalMetrics byLabels = RetrievalEvaluator.evaluate(q, db,
                Relevance.ofLabels(Labels.singleLabel(ql), Labels.singleLabel(dl)), o);
        Relevance byLists = Relevance.ofNeighbours(lists);
        assertEquals("neighbours", byLists.kind());
        RetrievalMetrics n = RetrievalEvaluator.evaluate(q, db, byLists, o);
        assertEquals(withoutTiming(byLabels.toMap(), true), withoutTiming(n.toMap(), true));
    }

    static Map<String, Object> withoutTiming(Map<String, Object> m, boolean dropKind) {
        m.remove("eval_seconds");
        if (dropKind) {
            m.remove("relevance");
        }
        return m;
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() {
        Random r = new Random(5);
        int[] ql = randomLabels(300, 10, r);
        int[] dl = randomLabels(700, 10, r);
        BinaryCodes q = clusteredCodes(ql, 10, 32, 0.25, r);
        BinaryCodes db = clusteredCodes(dl, 10, 32, 0.25, r);
        Relevance rel = Relevance.ofLabels(Labels.singleLabel(ql), Labels.singleLabel(dl));
        EvalOptions o = EvalOptions.builder().topK(EvalOptions.ALL, 100).build();
        Map<String, Object> one = withoutTiming(
                RetrievalEvaluator.evaluate(q, db, rel, o.toBuilder().threads(1).build()).toMap(), false);
        for (int t : new int[] {2, 3, 8}) {
            assertEquals(one, withoutTiming(
                    RetrievalEvaluator.evaluate(q, db, rel, o.toBuilder().threads(t).build()).toMap(), false));
        }
    }

    @Test
    void badInputIsRejected() {
        BinaryCodes q = BinaryCodes.fromBitStrings("0101", "1111");
        BinaryCodes db = BinaryCodes.fromBitStrings("0101", "1111", "0000");
        Labels ql = Labels.singleLabel(new int[] {0, 1});
        Labels dl = Labels.singleLabel(new int[] {0, 1, 1});
        EvalOptions o = EvalOptions.defaults();
        HashingException e = assertThrows(HashingException.class, () -> RetrievalEvaluator.evaluate(q,
                BinaryCodes.fromBitStrings("01010"), Relevance.ofLabels(ql, dl), o));
        assertTrue(e.getMessage().contains("4 bits") && e.getMessage().contains("5"), e.getMessage());
        e = assertThrows(HashingException.class, () -> RetrievalEvaluator.evaluate(q, db,
                Relevance.ofLabels(Labels.singleLabel(new int[] {0}), dl), o));
        assertTrue(e.getMessage().contains("1 queries") && e.getMessage().contains("2 query codes"), e.getMessage());
        e = assertThrows(HashingException.class, () -> RetrievalEvaluator.evaluate(q, db,
                Relevance.ofLabels(ql, Labels.singleLabel(new int[] {0, 1})), o));
        assertTrue(e.getMessage().contains("3 database codes"), e.getMessage());
        e = assertThrows(HashingException.class, () -> RetrievalEvaluator.evaluate(q, db,
                Relevance.ofNeighbours(new int[][] {{0}, {1, 3}}), o));
        assertTrue(e.getMessage().contains("query 1") && e.getMessage().contains("item 3"), e.getMessage());
        assertThrows(HashingException.class, () -> Relevance.ofNeighbours(new int[][] {{-1}}));
        assertThrows(HashingException.class, () -> Relevance.ofLabels(null, dl));
        assertThrows(HashingException.class, () -> RetrievalEvaluator.evaluate(q,
                BinaryCodes.fromWords(0, 4, new long[0]), Relevance.ofNeighbours(new int[][] {{}, {}}), o));
    }

    @Test
    void oneTopKParserNamesTheOptionAndTheBadValue() {
        assertEquals(EvalOptions.ALL, EvalOptions.parseTopKValue("evaluation.topk", " All "));
        assertEquals(5000, EvalOptions.parseTopKValue("evaluation.topk", "5000"));
        HashingException e = assertThrows(HashingException.class, () -> EvalOptions.parseTopKValue("exp.yaml", "-3"));
        assertEquals("exp.yaml: top-k must be 'all' or a positive integer, got '-3'", e.getMessage());
        e = assertThrows(HashingException.class, () -> EvalOptions.parseTopK("--topk", "all,ten"));
        assertEquals("--topk: top-k must be 'all' or a positive integer, got 'ten'", e.getMessage());
        assertThrows(HashingException.class, () -> EvalOptions.parseTopKValue("x", null));
        for (int k : new int[] {EvalOptions.ALL, 1, 1000}) {
            assertEquals(k, EvalOptions.parseTopKValue("x", EvalOptions.topKLabel(k)), "inverse of topKLabel");
        }
    }

    @Test
    void optionsParseAndValidate() {
        assertArrayEquals(new int[] {EvalOptions.ALL, 1000, 5}, EvalOptions.parseTopK("all, 1000,5"));
        assertArrayEquals(new int[] {EvalOptions.ALL}, EvalOptions.parseTopK("ALL"));
        HashingException e = assertThrows(HashingException.class, () -> EvalOptions.parseTopK("all,ten"));
        assertTrue(e.getMessage().contains("'ten'"), e.getMessage());
        assertThrows(HashingException.class, () -> EvalOptions.parseTopK("0"));
        assertThrows(HashingException.class, () -> EvalOptions.parseTopK(""));
        assertThrows(HashingException.class, () -> EvalOptions.parseTopK("5,,6"));
        assertArrayEquals(new int[] {0, 2}, EvalOptions.parseIntList("--radius", "0,2", 0));
        assertThrows(HashingException.class, () -> EvalOptions.parseIntList("--radius", "-1", 0));
        assertThrows(HashingException.class, () -> EvalOptions.builder().threads(0));
        assertArrayEquals(new int[] {3, 1}, EvalOptions.builder().radii(3, 1, 3).build().radii());
        assertEquals("all", EvalOptions.topKLabel(EvalOptions.ALL));
    }

    @Test
    void metricsRoundTripThroughTheirMap() {
        Random r = new Random(8);
        int[] ql = randomLabels(20, 3, r);
        int[] dl = randomLabels(90, 3, r);
        BinaryCodes q = clusteredCodes(ql, 3, 12, 0.2, r);
        BinaryCodes db = clusteredCodes(dl, 3, 12, 0.2, r);
        RetrievalMetrics m = RetrievalEvaluator.evaluate(q, db,
                Relevance.ofLabels(Labels.singleLabel(ql), Labels.singleLabel(dl)),
                EvalOptions.builder().topK(EvalOptions.ALL, 10).radii(0, 2).precisionAtN(5).build());
        RetrievalMetrics back = RetrievalMetrics.fromMap(m.toMap());
        assertEquals(m.toMap(), back.toMap());
        assertEquals(m.mapAt(10), back.mapAt(10));
        String table = m.toTable();
        assertTrue(table.contains("mAP@all") && table.contains("mAP@10") && table.contains("P@H<=2")
                && table.contains("P@5"), table);
        assertThrows(IllegalArgumentException.class, () -> m.mapAt(7));
        assertThrows(IllegalArgumentException.class, () -> m.precisionAtN(7));
        assertThrows(HashingException.class, () -> RetrievalMetrics.fromMap(Map.of("bits", 3)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 64, 65, 130})
    void bucketScorerEqualsTheRankedListWalkExactly(int bits) {
        Random r = new Random(bits);
        int classes = 5;
        int[] ql = randomLabels(40, classes, r);
        int[] dl = randomLabels(900, classes, r);
        BinaryCodes q = clusteredCodes(ql, classes, bits, 0.3, r);
        BinaryCodes db = clusteredCodes(dl, classes, bits, 0.3, r);
        // One query has no relevant item at all, the class 5 nobody else has.
        ql[0] = classes;
        int[][] multi = new int[dl.length][classes + 1];
        for (int i = 0; i < dl.length; i++) {
            multi[i][dl[i]] = 1;
            multi[i][r.nextInt(classes)] = 1;
        }
        EvalOptions o = EvalOptions.builder().topK(EvalOptions.ALL, 1, 10, 77, 899, 900, 5000)
                .radii(0, 1, 2, bits / 2, bits + 3).precisionAtN(1, 3, 100, 900, 2000).threads(2).build();
        for (Relevance rel : new Relevance[] {
            Relevance.ofLabels(Labels.singleLabel(ql), Labels.singleLabel(dl)),
            Relevance.ofLabels(Labels.singleLabel(ql), Labels.multiHot(multi)),
            Relevance.ofNeighbours(neighbourLists(q.size(), db.size(), r))}) {
            QueryScorer fast = new BucketScorer(q, db, rel, o);
            QueryScorer slow = new RankedListScorer(q, db, rel, o);
            QueryOutcome a = new QueryOutcome(o.topK().length, o.precisionAtN().length, bits);
            QueryOutcome b = new QueryOutcome(o.topK().length, o.precisionAtN().length, bits);
            for (int i = 0; i < q.size(); i++) {
                fast.score(i, a);
                slow.score(i, b);
                String what = rel.kind() + " query " + i;
                // Exactly equal doubles: the fast path sums the same terms in the same order.
                assertArrayEquals(b.averagePrecision, a.averagePrecision, 0.0, what);
                assertArrayEquals(b.hitsAtN, a.hitsAtN, what);
                assertArrayEquals(b.withinRadius, a.withinRadius, what);
                assertArrayEquals(b.hitsWithinRadius, a.hitsWithinRadius, what);
                assertEquals(b.relevant, a.relevant, what);
            }
            Map<String, Object> fastMap = withoutTiming(RetrievalEvaluator.evaluate(q, db, rel, o, false).toMap(), false);
            Map<String, Object> slowMap = withoutTiming(RetrievalEvaluator.evaluate(q, db, rel, o, true).toMap(), false);
            assertEquals(slowMap, fastMap);
        }
    }

    private static int[][] neighbourLists(int queries, int db, Random r) {
        int[][] lists = new int[queries][];
        for (int i = 0; i < queries; i++) {
            lists[i] = r.ints(r.nextInt(60), 0, db).toArray();
        }
        return lists;
    }
}
