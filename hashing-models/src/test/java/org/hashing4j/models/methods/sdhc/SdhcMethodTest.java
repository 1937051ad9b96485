package org.hashing4j.models.methods.sdhc;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
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

class SdhcMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);
    private static final int[] Y = {0, 1, 2, 0, 1, 2};

    private static double loss(Map<String, double[][]> p, double l0, double l1, double l2, double a) {
        double[][] w = p.get("hash/fc/W");
        double[][] u = affine(X, w, p.get("hash/fc/b"));
        int n = u.length;
        int k = u[0].length;
        double[][] v = new double[n][k];
        double j1 = 0;
        double j2 = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                v[i][j] = Math.tanh(u[i][j]);
                j1 += Math.pow(v[i][j] - Math.signum(v[i][j]), 2) / (n * k);
                j2 += v[i][j] * v[i][j] / (2.0 * k);
            }
        }
        double j3 = 0;
        for (int a1 = 0; a1 < k; a1++) {
            for (int b1 = 0; b1 < k; b1++) {
                double g = 0;
                for (int d = 0; d < w.length; d++) {
                    g += w[d][a1] * w[d][b1];
                }
                j3 += Math.pow(g - (a1 == b1 ? 1 : 0), 2) / (k * k);
            }
        }
        double[][] z = affine(v, p.get("classifier/fc/W"), p.get("classifier/fc/b"));
        double ce = 0;
        double[][] y = oneHot(Y, 3);
        for (int i = 0; i < n; i++) {
            ce += crossEntropy(z[i], y[i]) / n;
        }
        return l0 * j1 - l1 * j2 + a * ce + l2 * j3;
    }

    @Test
    void lossAndGradientFollowTheDefinition() {
        ObjectiveHarness h = new ObjectiveHarness(new SdhcMethod.Objective(0.5, 0.2, 0.3, 1), 5, 4, 3, false, 2);
        h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
        Map<String, INDArray> feed = h.feed(X, oneHot(Y, 3), range(6), 1);
        assertEquals(loss(h.parameters(), 0.5, 0.2, 0.3, 1), h.loss(feed), 1e-9);
        h.assertGradientsMatch(feed, p -> loss(p, 0.5, 0.2, 0.3, 1), 1e-6);
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new SdhcMethod(), DeepMethodChecks.config(16, 4), 0.7);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("sdh-c", true);
        DeepMethodChecks.assertParametersChecked(new SdhcMethod(), "lambda2", -1);
        DeepMethodChecks.assertSaveLoad(new SdhcMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
