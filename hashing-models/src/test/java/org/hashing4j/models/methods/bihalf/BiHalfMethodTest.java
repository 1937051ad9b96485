package org.hashing4j.models.methods.bihalf;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.crossEntropy;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class BiHalfMethodTest {
    private static final double[][] X = gaussian(7, 5, 1, 1);
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 1};

    /** Per bit: the ⌊n/2⌋ largest entries of the column → +1, the others −1 (by sorting, as the authors). */
    static double[][] split(double[][] u) {
        int n = u.length;
        double[][] b = new double[n][u[0].length];
        for (int k = 0; k < u[0].length; k++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = u[i][k];
            }
            double[] sorted = col.clone();
            Arrays.sort(sorted);
            double threshold = sorted[n - n / 2];
            for (int i = 0; i < n; i++) {
                b[i][k] = col[i] >= threshold ? 1 : -1;
            }
        }
        return b;
    }

    /** CE(W_c·b + c_c) + γ/(2nK)·‖u − b₀‖², b = u + (b₀ − u₀) for the surrogate (b₀, u₀ fixed) or the split. */
    private static double loss(Map<String, double[][]> p, double[][] b0, double[][] u0, double gamma) {
        double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double[][] b = b0 == null ? split(u) : new double[u.length][u[0].length];
        double[][] target = b0 == null ? b : b0;
        if (b0 != null) {
            for (int i = 0; i < u.length; i++) {
                for (int k = 0; k < u[i].length; k++) {
                    b[i][k] = u[i][k] + b0[i][k] - u0[i][k];
                }
            }
        }
        double[][] z = affine(b, p.get("classifier/fc/W"), p.get("classifier/fc/b"));
        double[][] y = oneHot(Y, 3);
        double ce = 0;
        double gap = 0;
        for (int i = 0; i < u.length; i++) {
            ce += crossEntropy(z[i], y[i]);
            for (int k = 0; k < u[i].length; k++) {
                gap += (u[i][k] - target[i][k]) * (u[i][k] - target[i][k]);
            }
        }
        return ce / u.length + gamma / (2.0 * u.length * u[0].length) * gap;
    }

    @Test
    void supervisedLossAndGradientFollowTheLayersDefinition() {
        ObjectiveHarness h = new ObjectiveHarness(new BiHalfMethod.Objective(true, 6), 5, 4, 3, false, 2);
        h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
        Map<String, INDArray> feed = h.feed(X, oneHot(Y, 3), range(7), 1);
        assertEquals(loss(h.parameters(), null, null, 6), h.loss(feed), 1e-9);
        double[][] u0 = affine(X, h.parameters().get("hash/fc/W"), h.parameters().get("hash/fc/b"));
        double[][] b0 = split(u0);
        h.assertGradientsMatch(feed, p -> loss(p, b0, u0, 6), 1e-6);
    }

    @Test
    void bothVariantsLearn() {
        // Every bit must split each batch half/half, which 4 classes fit less easily than a free code.
        DeepMethodChecks.assertLearns(new BiHalfMethod(true), DeepMethodChecks.config(16, 4), 0.6);
        DeepMethodChecks.assertLearns(new BiHalfMethod(false),
                DeepMethodChecks.config(16, 6, "backbone", "features", "backbone_lr_scale", 0), 0.5);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("bihalf", false);
        DeepMethodChecks.assertRegistered("bihalf-supervised", true);
        DeepMethodChecks.assertParametersChecked(new BiHalfMethod(true), "gamma", -1);
        DeepMethodChecks.assertSaveLoad(new BiHalfMethod(false), DeepMethodChecks.config(8, 1), dir);
    }
}
