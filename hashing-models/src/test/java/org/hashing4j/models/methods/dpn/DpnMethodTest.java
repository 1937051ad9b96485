package org.hashing4j.models.methods.dpn;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.layers.Codebooks;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class DpnMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);
    private static final int[][] HOT = {{1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 0, 0}, {0, 0, 1}};

    /** mean_i Σ_{c ∈ y_i} Σ_k max(0, m − u_ik T_ck) + reg·mean u². */
    private static double loss(Map<String, double[][]> p, float[][] t, double m, double reg) {
        double[][] u = affine(X, p.get("hash/fc/W"), null);
        double sl = 0;
        double r = 0;
        for (int i = 0; i < u.length; i++) {
            for (int c = 0; c < t.length; c++) {
                if (HOT[i][c] == 1) {
                    for (int k = 0; k < u[i].length; k++) {
                        sl += Math.max(0, m - u[i][k] * t[c][k]);
                    }
                }
            }
            for (double v : u[i]) {
                r += v * v;
            }
        }
        return sl / u.length + reg * r / (u.length * u[0].length);
    }

    @Test
    void lossAndGradientFollowThePaperOnMultiLabels() {
        DpnMethod.Objective o = new DpnMethod.Objective(1, 0.1, "b");
        ObjectiveHarness h = new ObjectiveHarness(o, 5, 4, 3, true, 2);
        o.bind(new FeatureSet(new float[6][5], Labels.multiHot(HOT), null, "t"), null);
        o.prepare(new SplittableRandom(3));
        double[][] y = new double[6][3];
        for (int i = 0; i < 6; i++) {
            for (int c = 0; c < 3; c++) {
                y[i][c] = HOT[i][c];
            }
        }
        Map<String, INDArray> feed = h.feed(X, y, range(6), 1);
        assertEquals(loss(h.parameters(), o.targets(), 1, 0.1), h.loss(feed), 1e-9);
        h.assertGradientsMatch(feed, p -> loss(p, o.targets(), 1, 0.1), 1e-6);
    }

    @Test
    void minimumDistanceCodebookKeepsTheClassesApart() {
        float[][] c = Codebooks.minDistance(10, 32, new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            for (int j = i + 1; j < 10; j++) {
                int d = 0;
                for (int k = 0; k < 32; k++) {
                    d += c[i][k] != c[j][k] ? 1 : 0;
                }
                assertTrue(d / 32.0 >= 0.2, "distance " + d);
            }
        }
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new DpnMethod(), DeepMethodChecks.config(16, 4), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("dpn", true);
        DeepMethodChecks.assertParametersChecked(new DpnMethod(), "codebook", "x");
        DeepMethodChecks.assertSaveLoad(new DpnMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
