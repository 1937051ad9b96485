package org.hashing4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;

/**
 * Tie-aware AP against its definition: the mean AP over every order of the tied items, enumerated
 * by brute force on tiny cases, for mAP@all and every mAP@k, and for each kind of ground truth.
 */
class TieAwareApTest {

    @Test
    void workedExampleOfMethodsDeep() {
        // METHODS-DEEP.md §3.5: buckets (n, r) = (2,1), (3,2), (2,0), (1,1) at distances 0..3.
        BinaryCodes q = BinaryCodes.fromBitStrings("000");
        BinaryCodes db = BinaryCodes.fromBitStrings("000", "000", "001", "010", "100", "011", "101", "111");
        Relevance rel = Relevance.ofLabels(Labels.singleLabel(new int[] {1}),
                Labels.singleLabel(new int[] {1, 0, 1, 1, 0, 0, 0, 1}));
        RetrievalMetrics m = evaluate(q, db, rel, EvalOptions.ALL, 4);
        assertEquals(113.0 / 180, m.tieAwareMapAt(EvalOptions.ALL), 1e-14);
        assertEquals(37.0 / 54, m.tieAwareMapAt(4), 1e-14);
        // Index order is the pattern 10 110 00 1, the best case of the table: 35/48 and 29/36.
        assertEquals(35.0 / 48, m.mapAll(), 1e-14);
        assertEquals(29.0 / 36, m.mapAt(4), 1e-14);
    }

    @Test
    void equalsTheMeanOverAllTieOrdersForEveryCutoff() {
        Random r = new Random(7);
        for (int trial = 0; trial < 150; trial++) {
            int bits = 1 + r.nextInt(3);
            int n = 1 + r.nextInt(7);
            int queries = 1 + r.nextInt(3);
            String[] dbCodes = randomBitStrings(n, bits, r);
            String[] qCodes = randomBitStrings(queries, bits, r);
            Relevance rel = switch (trial % 3) {
                case 0 -> Relevance.ofLabels(Labels.singleLabel(randomInts(queries, 3, r)),
                        Labels.singleLabel(randomInts(n, 3, r)));
                case 1 -> Relevance.ofLabels(Labels.multiHot(randomMultiHot(queries, 3, r)),
                        Labels.multiHot(randomMultiHot(n, 3, r)));
                default -> Relevance.ofNeighbours(randomNeighbours(queries, n, r));
            };
            int[] ks = new int[n + 1];
            ks[0] = EvalOptions.ALL;
            for (int k = 1; k <= n; k++) {
                ks[k] = k;
            }
            RetrievalMetrics m = evaluate(BinaryCodes.fromBitStrings(qCodes), BinaryCodes.fromBitStrings(dbCodes),
                    rel, ks);
            for (int k : ks) {
                double expected = 0;
                for (int qi = 0; qi < queries; qi++) {
                    expected += bruteForce(qCodes[qi], dbCodes, qi, rel, Math.min(k, n));
                }
                expected /= queries;
                assertEquals(expected, m.tieAwareMapAt(k), 1e-12,
                        "trial " + trial + " (" + rel.kind() + "), k = " + EvalOptions.topKLabel(k));
            }
        }
    }

    @Test
    void equalsPlainApWhenNothingTies() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            // One database item at each distance 0..bits from the all-zero query: no two tie.
            int bits = 2 + r.nextInt(40);
            String[] db = new String[bits + 1];
            for (int d = 0; d <= bits; d++) {
                db[d] = "1".repeat(d) + "0".repeat(bits - d);
            }
            shuffle(db, r);
            Relevance rel = Relevance.ofLabels(Labels.singleLabel(new int[] {0}),
                    Labels.singleLabel(randomInts(bits + 1, 2, r)));
            RetrievalMetrics m = evaluate(BinaryCodes.fromBitStrings("0".repeat(bits)), BinaryCodes.fromBitStrings(db),
                    rel, EvalOptions.ALL, 1, 3, bits / 2 + 1, bits);
            for (int k : m.topK()) {
                assertEquals(m.mapAt(k), m.tieAwareMapAt(k), 1e-13, "k = " + EvalOptions.topKLabel(k));
            }
        }
    }

    @Test
    void liesBetweenTheBestAndWorstOrderAndIgnoresStorageOrder() {
        Random r = new Random(11);
        String[] db = randomBitStrings(40, 3, r);
        int[] labels = randomInts(40, 3, r);
        BinaryCodes q = BinaryCodes.fromBitStrings("000", "111", "010");
        Labels ql = Labels.singleLabel(new int[] {0, 1, 2});
        RetrievalMetrics a = evaluate(q, BinaryCodes.fromBitStrings(db), Relevance.ofLabels(ql, Labels.singleLabel(labels)),
                EvalOptions.ALL, 10);
        // Reverse the database: plain AP changes with the index tie-break, tie-aware AP does not.
        String[] revDb = db.clone();
        int[] revLabels = labels.clone();
        for (int i = 0; i < 20; i++) {
            String t = revDb[i];
            revDb[i] = revDb[39 - i];
            revDb[39 - i] = t;
            int l = revLabels[i];
            revLabels[i] = revLabels[39 - i];
            revLabels[39 - i] = l;
        }
        RetrievalMetrics b = evaluate(q, BinaryCodes.fromBitStrings(revDb),
                Relevance.ofLabels(ql, Labels.singleLabel(revLabels)), EvalOptions.ALL, 10);
        assertEquals(a.tieAwareMapAt(EvalOptions.ALL), b.tieAwareMapAt(EvalOptions.ALL), 1e-13);
        assertEquals(a.tieAwareMapAt(10), b.tieAwareMapAt(10), 1e-13);
        double lo = Math.min(a.mapAll(), b.mapAll());
        double hi = Math.max(a.mapAll(), b.mapAll());
        assertTrue(lo != hi, "3-bit codes over 40 items tie, so index order matters for plain AP");
        assertTrue(a.tieAwareMapAt(EvalOptions.ALL) > 0 && a.tieAwareMapAt(EvalOptions.ALL) < 1);
    }

    @Test
    void roundTripsThroughTheMetricsMapAndOlderFilesLackIt() {
        BinaryCodes q = BinaryCodes.fromBitStrings("00", "11");
        BinaryCodes db = BinaryCodes.fromBitStrings("00", "01", "10", "11");
        Relevance rel = Relevance.ofLabels(Labels.singleLabel(new int[] {0, 1}), Labels.singleLabel(new int[] {0, 1, 0, 1}));
        RetrievalMetrics m = evaluate(q, db, rel, EvalOptions.ALL, 2);
        RetrievalMetrics back = RetrievalMetrics.fromMap(m.toMap());
        assertEquals(m.tieAwareMeanAveragePrecision(), back.tieAwareMeanAveragePrecision());
        java.util.Map<String, Object> old = new java.util.LinkedHashMap<>(m.toMap());
        old.remove("mAP_tie_aware");
        RetrievalMetrics legacy = RetrievalMetrics.fromMap(old);
        assertTrue(!legacy.hasTieAwareMapAt(EvalOptions.ALL) && legacy.tieAwareMeanAveragePrecision().isEmpty());
        assertTrue(m.toTable().contains("TA-mAP@all"));
    }

    private static RetrievalMetrics evaluate(BinaryCodes q, BinaryCodes db, Relevance rel, int... ks) {
        EvalOptions o = EvalOptions.builder().topK(ks).radii(0).precisionAtN(1).threads(1).build();
        RetrievalMetrics fast = RetrievalEvaluator.evaluate(q, db, rel, o, false);
        RetrievalMetrics slow = RetrievalEvaluator.evaluate(q, db, rel, o, true);
        assertEquals(slow.tieAwareMeanAveragePrecision(), fast.tieAwareMeanAveragePrecision());
        return fast;
    }

    /** Mean AP@k (retrieved-normalised) over every order of the items within each distance. */
    private static double bruteForce(String query, String[] db, int q, Relevance rel, int k) {
        int bits = query.length();
        List<List<Boolean>> buckets = new ArrayList<>();
        for (int d = 0; d <= bits; d++) {
            buckets.add(new ArrayList<>());
        }
        for (int j = 0; j < db.length; j++) {
            int d = 0;
            for (int b = 0; b < bits; b++) {
                d += query.charAt(b) != db[j].charAt(b) ? 1 : 0;
            }
            buckets.get(d).add(rel.isRelevant(q, j));
        }
        List<List<List<Boolean>>> orders = new ArrayList<>();
        for (List<Boolean> bucket : buckets) {
            orders.add(permutations(bucket));
        }
        double[] sumAndCount = new double[2];
        enumerate(orders, 0, new ArrayList<>(), k, sumAndCount);
        return sumAndCount[0] / sumAndCount[1];
    }

    private static void enumerate(List<List<List<Boolean>>> orders, int t, List<Boolean> prefix, int k, double[] acc) {
        if (t == orders.size()) {
            int hits = 0;
            double sum = 0;
            for (int i = 0; i < k; i++) {
                if (prefix.get(i)) {
                    hits++;
                    sum += (double) hits / (i + 1);
                }
            }
            acc[0] += hits == 0 ? 0 : sum / hits;
            acc[1]++;
            return;
        }
        for (List<Boolean> order : orders.get(t)) {
            List<Boolean> next = new ArrayList<>(prefix);
            next.addAll(order);
            enumerate(orders, t + 1, next, k, acc);
        }
    }

    /** All n! orders of the items (duplicates of equal values kept: each order is equally likely). */
    private static List<List<Boolean>> permutations(List<Boolean> items) {
        List<List<Boolean>> out = new ArrayList<>();
        if (items.isEmpty()) {
            out.add(new ArrayList<>());
            return out;
        }
        for (int i = 0; i < items.size(); i++) {
            List<Boolean> rest = new ArrayList<>(items);
            Boolean first = rest.remove(i);
            for (List<Boolean> p : permutations(rest)) {
                p.add(0, first);
                out.add(p);
            }
        }
        return out;
    }

    private static String[] randomBitStrings(int n, int bits, Random r) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < bits; j++) {
                b.append(r.nextBoolean() ? '1' : '0');
            }
            s[i] = b.toString();
        }
        return s;
    }

    private static int[] randomInts(int n, int bound, Random r) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(bound);
        }
        return v;
    }

    private static int[][] randomMultiHot(int n, int classes, Random r) {
        int[][] m = new int[n][classes];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                m[i][c] = r.nextInt(3) == 0 ? 1 : 0;
            }
        }
        return m;
    }

    private static int[][] randomNeighbours(int queries, int n, Random r) {
        int[][] ids = new int[queries][];
        for (int q = 0; q < queries; q++) {
            ids[q] = r.ints(r.nextInt(n + 1), 0, n).toArray();
        }
        return ids;
    }

    private static void shuffle(String[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
