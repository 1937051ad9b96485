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

    /** λ0·mean(v − sign v)² − λ1·Σ‖v_i‖²/(2K) + α·CE + λ2·mean(WᵀW − T)². */
    private static double loss(Map<String, double[][]> p, double[] l, boolean ones) {
        double[][] w = p.get("hash/fc/W");
        double[][] v = affine(X, w, p.get("hash/fc/b"));
        int k = v[0].length;
        double q = 0;
        double var = 0;
        double ce = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < k; j++) {
                v[i][j] = Math.tanh(v[i][j]);
                double gap = v[i][j] - Math.signum(v[i][j]);
                q += gap * gap;
                var += v[i][j] * v[i][j];
            }
            double[] z = affine(new double[][] {v[i]}, p.get("classifier/fc/W"), p.get("classifier/fc/b"))[0];
            ce += crossEntropy(z, oneHot(Y, 3)[i]);
        }
        double orth = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int d = 0; d < w.length; d++) {
                    s += w[d][a] * w[d][b];
                }
                double t = ones || a == b ? 1 : 0;
                orth += (s - t) * (s - t);
            }
        }
        return l[0] * q / (v.length * k) - l[1] * var / (2 * k) + l[3] * ce / v.length + l[2] * orth / (k * k);
    }

    @Test
    void lossAndGradientFollowTheFormulaWithEitherOrthogonalityTarget() {
        double[] l = {0.3, 0.2, 0.1, 0.7};
        for (boolean ones : new boolean[] {false, true}) {
            ObjectiveHarness h = new ObjectiveHarness(new SdhcObjective(l[0], l[1], l[2], l[3], ones), 5, 4, 3, false, 2);
            h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
            Map<String, INDArray> feed = h.feed(X, oneHot(Y, 3), range(6), 1);
            assertEquals(loss(h.parameters(), l, ones), h.loss(feed), 1e-9);
            h.assertGradientsMatch(feed, p -> loss(p, l, ones), 1e-6);
        }
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new SdhcMethod(), DeepMethodChecks.config(16, 4), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("sdh-c", true);
        DeepMethodChecks.assertParametersChecked(new SdhcMethod(), "orthogonality_target", "zeros");
        DeepMethodChecks.assertSaveLoad(new SdhcMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
