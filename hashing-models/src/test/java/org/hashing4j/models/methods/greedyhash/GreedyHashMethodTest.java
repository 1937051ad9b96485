package org.hashing4j.models.methods.greedyhash;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.cosine;
import static org.hashing4j.models.training.ObjectiveHarness.crossEntropy;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class GreedyHashMethodTest {
    private static final double[][] X = gaussian(7, 5, 1, 1);
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 1};

    /** Supervised GreedyHash in Java: CE(W_c·b + c_c) + α·mean| |u| − 1 |³, b = u + (sign(u₀) − u₀). */
    private static double supervisedLoss(Map<String, double[][]> p, double[][] frozenShift, double alpha) {
        double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double[][] y = oneHot(Y, 3);
        double ce = 0;
        double pen = 0;
        for (int i = 0; i < u.length; i++) {
            double[] b = new double[u[i].length];
            for (int k = 0; k < b.length; k++) {
                b[k] = frozenShift == null ? Math.signum(u[i][k]) : u[i][k] + frozenShift[i][k];
                pen += Math.pow(Math.abs(Math.abs(u[i][k]) - 1), 3);
            }
            double[] z = affine(new double[][] {b}, p.get("classifier/fc/W"), p.get("classifier/fc/b"))[0];
            ce += crossEntropy(z, y[i]);
        }
        return ce / u.length + alpha * pen / (u.length * u[0].length);
    }

    private static double[][] shift(double[][] u) {
        double[][] s = new double[u.length][u[0].length];
        for (int i = 0; i < u.length; i++) {
            for (int k = 0; k < u[i].length; k++) {
                s[i][k] = Math.signum(u[i][k]) - u[i][k];
            }
        }
        return s;
    }

    private static ObjectiveHarness supervised(double alpha) {
        ObjectiveHarness h = new ObjectiveHarness(new GreedyHashObjective(true, alpha, 3), 5, 4, 3, false, 2);
        // Weights of order 1, so that |u| straddles 1 and both branches of the penalty are exercised.
        h.set("hash/fc/W", gaussian(5, 4, 0.7, 3));
        h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
        h.set("classifier/fc/b", gaussian(1, 3, 0.3, 5));
        return h;
    }

    @Test
    void supervisedLossIsThePaperFormula() {
        ObjectiveHarness h = supervised(0.1);
        Map<String, INDArray> feed = h.feed(X, oneHot(Y, 3), range(7), 1);
        assertEquals(supervisedLoss(h.parameters(), null, 0.1), h.loss(feed), 1e-9);
    }

    @Test
    void supervisedGradientIsTheStraightThroughGradient() {
        ObjectiveHarness h = supervised(0.5);
        Map<String, INDArray> feed = h.feed(X, oneHot(Y, 3), range(7), 1);
        double[][] s = shift(affine(X, h.parameters().get("hash/fc/W"), h.parameters().get("hash/fc/b")));
        h.assertGradientsMatch(feed, p -> supervisedLoss(p, s, 0.5), 1e-6);
    }

    /** Unsupervised: mean over pairs (i, i + n/2) of (cos(b_i, b_j) − cos(x_i, x_j))² + α·penalty; n = 7 drops the last. */
    private static double unsupervisedLoss(Map<String, double[][]> p, double[][] frozenShift, double alpha) {
        double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double[][] b = new double[u.length][u[0].length];
        double pen = 0;
        for (int i = 0; i < u.length; i++) {
            for (int k = 0; k < u[i].length; k++) {
                b[i][k] = frozenShift == null ? Math.signum(u[i][k]) : u[i][k] + frozenShift[i][k];
                pen += Math.pow(Math.abs(Math.abs(u[i][k]) - 1), 3);
            }
        }
        int half = u.length / 2;
        double sim = 0;
        for (int i = 0; i < half; i++) {
            double d = cosine(b[i], b[i + half]) - cosine(X[i], X[i + half]);
            sim += d * d;
        }
        return sim / half + alpha * pen / (u.length * u[0].length);
    }

    @Test
    void unsupervisedLossAndGradientFollowThePaper() {
        ObjectiveHarness h = new ObjectiveHarness(new GreedyHashObjective(false, 0.2, 3), 5, 4, 0, false, 2);
        h.set("hash/fc/W", gaussian(5, 4, 0.7, 3));
        Map<String, INDArray> feed = h.feed(X, null, range(7), 1);
        assertEquals(unsupervisedLoss(h.parameters(), null, 0.2), h.loss(feed), 1e-9);
        double[][] s = shift(affine(X, h.parameters().get("hash/fc/W"), h.parameters().get("hash/fc/b")));
        h.assertGradientsMatch(feed, p -> unsupervisedLoss(p, s, 0.2), 1e-6);
    }

    @Test
    void supervisedLearnsTheClasses() {
        DeepMethodChecks.assertLearns(new GreedyHashMethod(true), DeepMethodChecks.config(16, 4), 0.85);
    }

    @Test
    void unsupervisedLearnsOnFixedFeatures() {
        DeepMethodChecks.assertLearns(new GreedyHashMethod(false),
                DeepMethodChecks.config(16, 6, "backbone", "features", "backbone_lr_scale", 0), 0.5);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("greedyhash", true);
        DeepMethodChecks.assertRegistered("greedyhash-unsup", false);
        DeepMethodChecks.assertParametersChecked(new GreedyHashMethod(true), "alpha", -1);
        DeepMethodChecks.assertSaveLoad(new GreedyHashMethod(true), DeepMethodChecks.config(8, 1), dir);
    }
}
