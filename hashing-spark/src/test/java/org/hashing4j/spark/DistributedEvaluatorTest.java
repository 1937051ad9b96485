package org.hashing4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.junit.jupiter.api.Test;

class DistributedEvaluatorTest extends SparkTestBase {
    private static final double TOL = 1e-12;

    private static void assertSame(RetrievalMetrics want, RetrievalMetrics got) {
        assertEquals(want.queryCount(), got.queryCount());
        assertEquals(want.queriesWithoutRelevant(), got.queriesWithoutRelevant());
        for (int k : want.topK()) {
            assertEquals(want.mapAt(k), got.mapAt(k), TOL, "mAP@" + k);
            assertEquals(want.hasTieAwareMapAt(k), got.hasTieAwareMapAt(k), "TA-mAP@" + k + " reported");
            if (want.hasTieAwareMapAt(k)) {
                assertEquals(want.tieAwareMapAt(k), got.tieAwareMapAt(k), TOL, "TA-mAP@" + k);
            }
        }
        for (int r : want.radii()) {
            assertEquals(want.precisionWithinRadius(r), got.precisionWithinRadius(r), TOL, "P@H<=" + r);
            assertEquals(want.recallWithinRadius(r), got.recallWithinRadius(r), TOL, "R@H<=" + r);
            assertEquals(want.emptyWithinRadius(r), got.emptyWithinRadius(r), "empty@H<=" + r);
        }
        for (int n : want.precisionAtNLengths()) {
            assertEquals(want.precisionAtN(n), got.precisionAtN(n), TOL, "P@" + n);
        }
        double[] wp = want.prCurvePrecision();
        double[] gp = got.prCurvePrecision();
        double[] wr = want.prCurveRecall();
        double[] gr = got.prCurveRecall();
        assertEquals(wp.length, gp.length);
        for (int i = 0; i < wp.length; i++) {
            assertEquals(wp[i], gp[i], TOL, "PR precision at " + i);
            assertEquals(wr[i], gr[i], TOL, "PR recall at " + i);
        }
    }

    private static int[] classes(int n, int c, long seed) {
        Random r = new Random(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextInt(c);
        }
        return out;
    }

    private static final EvalOptions OPTIONS = EvalOptions.builder().topK(EvalOptions.ALL, 100, 7)
            .radii(0, 1, 2, 5).precisionAtN(1, 10, 500).prCurve(true).build();

    @Test
    void singleLabelMetricsEqualHashingEvaluate() {
        BinaryCodes db = clustered(3000, 32, 10, 0.1, 1);
        BinaryCodes q = clustered(333, 32, 10, 0.1, 2);
        Labels dl = Labels.singleLabel(classes(db.size(), 10, 3));
        Labels ql = Labels.singleLabel(classes(q.size(), 10, 4));
        RetrievalMetrics want = RetrievalEvaluator.evaluate(q, db, Relevance.ofLabels(ql, dl), OPTIONS);
        for (int shards : new int[] {1, 4, 7}) {
            assertSame(want, DistributedEvaluator.evaluate(spark, q, db, DistributedEvaluator.Truth.ofLabels(ql, dl),
                    OPTIONS, shards));
        }
    }

    @Test
    void multiLabelAndNeighbourTruthEqualHashingEvaluate() {
        BinaryCodes db = random(1000, 24, 5);
        BinaryCodes q = random(101, 24, 6);
        Random r = new Random(7);
        int[][] dm = new int[db.size()][5];
        int[][] qm = new int[q.size()][5];
        for (int[][] m : new int[][][] {dm, qm}) {
            for (int[] row : m) {
                for (int j = 0; j < 5; j++) {
                    row[j] = r.nextDouble() < 0.3 ? 1 : 0;
                }
            }
        }
        Labels dl = Labels.multiHot(dm);
        Labels ql = Labels.multiHot(qm);
        assertSame(RetrievalEvaluator.evaluate(q, db, Relevance.ofLabels(ql, dl), OPTIONS),
                DistributedEvaluator.evaluate(spark, q, db, DistributedEvaluator.Truth.ofLabels(ql, dl), OPTIONS, 5));
        int[][] nb = new int[q.size()][];
        for (int i = 0; i < nb.length; i++) {
            nb[i] = new int[] {r.nextInt(db.size()), r.nextInt(db.size()), r.nextInt(db.size())};
        }
        assertSame(RetrievalEvaluator.evaluate(q, db, Relevance.ofNeighbours(nb), OPTIONS),
                DistributedEvaluator.evaluate(spark, q, db, DistributedEvaluator.Truth.ofNeighbours(nb), OPTIONS, 3));
    }

    @Test
    void mismatchedInputsAreRefused() {
        BinaryCodes db = random(50, 16, 1);
        BinaryCodes q = random(5, 16, 2);
        Labels dl = Labels.singleLabel(classes(49, 3, 1));
        Labels ql = Labels.singleLabel(classes(5, 3, 2));
        assertThrows(HashingException.class, () -> DistributedEvaluator.evaluate(spark, q, db,
                DistributedEvaluator.Truth.ofLabels(ql, dl), OPTIONS, 2));
        assertThrows(HashingException.class, () -> DistributedEvaluator.evaluate(spark, random(5, 8, 2), db,
                DistributedEvaluator.Truth.ofLabels(ql, Labels.singleLabel(classes(50, 3, 1))), OPTIONS, 2));
    }
}
