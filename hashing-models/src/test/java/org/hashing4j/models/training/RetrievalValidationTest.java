package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.EuclideanNeighbours;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.junit.jupiter.api.Test;

/** The early-stopping mAP agrees with hashing-eval's mAP@all on the same queries and database. */
class RetrievalValidationTest {
    private static boolean[][] randomBits(int n, int bits, Random r) {
        boolean[][] b = new boolean[n][bits];
        for (boolean[] row : b) {
            for (int j = 0; j < bits; j++) {
                row[j] = r.nextBoolean();
            }
        }
        return b;
    }

    @Test
    void agreesWithTheEvaluationModule() {
        Random r = new Random(5);
        int n = 300;
        float[][] x = new float[n][4];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            cls[i] = r.nextInt(5);
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) r.nextGaussian() + cls[i];
            }
        }
        boolean[][] bits = randomBits(n, 8, r);
        for (int i = 0; i < n; i++) {
            bits[i][cls[i] % 8] = true; // codes that carry some class information
        }
        BinaryCodes codes = BinaryCodes.fromBooleans(bits);
        Labels labels = Labels.singleLabel(cls);
        EvalOptions all = EvalOptions.builder().topK(EvalOptions.ALL).threads(1).build();

        RetrievalValidation byLabel = RetrievalValidation.labels(labels, 40, 9);
        int[] q = byLabel.queryRows();
        double[] expected = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            int self = q[k];
            int[] rest = java.util.stream.IntStream.range(0, n).filter(i -> i != self).toArray();
            expected[k] = RetrievalEvaluator.evaluate(codes.select(new int[] {self}), codes.select(rest),
                    Relevance.ofLabels(labels.select(new int[] {self}), labels.select(rest)), all).mapAll();
        }
        assertEquals(Arrays.stream(expected).average().orElseThrow(), byLabel.meanAveragePrecision(codes), 1e-12);

        RetrievalValidation byNeighbours = RetrievalValidation.euclidean(x, 30, 7, 2);
        q = byNeighbours.queryRows();
        double sum = 0;
        for (int self : q) {
            int[] rest = java.util.stream.IntStream.range(0, n).filter(i -> i != self).toArray();
            float[][] restX = new float[rest.length][];
            for (int i = 0; i < rest.length; i++) {
                restX[i] = x[rest[i]];
            }
            int[][] nn = EuclideanNeighbours.kNearest(new float[][] {x[self]}, restX, 7);
            sum += RetrievalEvaluator.evaluate(codes.select(new int[] {self}), codes.select(rest),
                    Relevance.ofNeighbours(nn), all).mapAll();
        }
        assertEquals(sum / q.length, byNeighbours.meanAveragePrecision(codes), 1e-12);
    }

    @Test
    void heldOutQueriesAgreeWithTheEvaluationModule() {
        Random r = new Random(8);
        int nq = 25;
        int ndb = 200;
        int[] qc = r.ints(nq, 0, 4).toArray();
        int[] dc = r.ints(ndb, 0, 4).toArray();
        boolean[][] qb = randomBits(nq, 6, r);
        boolean[][] db = randomBits(ndb, 6, r);
        for (int i = 0; i < nq; i++) {
            qb[i][qc[i]] = true;
        }
        for (int i = 0; i < ndb; i++) {
            db[i][dc[i]] = true;
        }
        BinaryCodes queries = BinaryCodes.fromBooleans(qb);
        BinaryCodes database = BinaryCodes.fromBooleans(db);
        Labels ql = Labels.singleLabel(qc);
        Labels dl = Labels.singleLabel(dc);
        RetrievalValidation v = RetrievalValidation.heldOutLabels(ql, dl);
        double expected = RetrievalEvaluator.evaluate(queries, database, Relevance.ofLabels(ql, dl),
                EvalOptions.builder().topK(EvalOptions.ALL).threads(1).build()).mapAll();
        assertEquals(expected, v.meanAveragePrecision(queries, database), 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> v.meanAveragePrecision(database));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> v.meanAveragePrecision(database, database));
    }
}
