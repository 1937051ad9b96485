package org.hashing4j.models.methods.orthohash;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.crossEntropy;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class OrthoHashMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);
    private static final int[] Y = {0, 1, 2, 0, 1, 2};

    /** BN with batch statistics, cosine to the codebook, margin, scale, CE. */
    private static double loss(Map<String, double[][]> p, float[][] t, boolean arc, double s, double m) {
        double[][] u = affine(X, p.get("hash/fc/W"), null);
        int n = u.length;
        int k = u[0].length;
        double[][] v = new double[n][k];
        for (int j = 0; j < k; j++) {
            double mean = 0;
            for (double[] r : u) {
                mean += r[j] / n;
            }
            double var = 0;
            for (double[] r : u) {
                var += (r[j] - mean) * (r[j] - mean) / n;
            }
            for (int i = 0; i < n; i++) {
                v[i][j] = (u[i][j] - mean) / Math.sqrt(var + 1e-5) * p.get("bn/gamma")[0][j] + p.get("bn/beta")[0][j];
            }
        }
        double[][] y = oneHot(Y, 3);
        double ce = 0;
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (double x : v[i]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm) * Math.sqrt(k);
            double[] z = new double[t.length];
            for (int c = 0; c < t.length; c++) {
                double dot = 0;
                for (int j = 0; j < k; j++) {
                    dot += v[i][j] * t[c][j];
                }
                double cos = dot / norm;
                z[c] = arc ? s * Math.cos(Math.acos(Math.max(-0.99999, Math.min(0.99999, cos))) + m * y[i][c])
                        : s * (cos - m * y[i][c]);
            }
            ce += crossEntropy(z, y[i]);
        }
        return ce / n;
    }

    @Test
    void lossAndGradientFollowThePaperForBothMargins() {
        for (boolean arc : new boolean[] {false, true}) {
            OrthoHashMethod.Objective o = new OrthoHashMethod.Objective(arc, 8, arc ? 0.2 : 0.3, arc ? "b" : "m");
            ObjectiveHarness h = new ObjectiveHarness(o, 5, 8, 3, false, 2);
            o.bind(new FeatureSet(new float[6][5], Labels.singleLabel(Y), null, "t"), null);
            o.prepare(new SplittableRandom(5));
            h.set("bn/gamma", gaussian(1, 8, 0.3, 7));
            h.set("bn/beta", gaussian(1, 8, 0.3, 8));
            for (int j = 0; j < 8; j++) {
                // γ around 1.
                double[][] g = h.parameters().get("bn/gamma");
                g[0][j] += 1;
                h.set("bn/gamma", g);
            }
            Map<String, INDArray> feed = h.feed(X, oneHot(Y, 3), range(6), 1);
            double s = 8;
            double m = arc ? 0.2 : 0.3;
            assertEquals(loss(h.parameters(), o.centres(), arc, s, m), h.loss(feed), 1e-9);
            h.assertGradientsMatch(feed, p -> loss(p, o.centres(), arc, s, m), 1e-5);
        }
    }

    @Test
    void learnsTheClassesAndEncodesWithRunningStatistics() {
        DeepMethodChecks.assertLearns(new OrthoHashMethod(false), DeepMethodChecks.config(16, 4), 0.8);
        DeepMethodChecks.assertLearns(new OrthoHashMethod(true), DeepMethodChecks.config(16, 4), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("orthocos", true);
        DeepMethodChecks.assertRegistered("orthoarc", true);
        DeepMethodChecks.assertParametersChecked(new OrthoHashMethod(false), "scale", 0);
        DeepMethodChecks.assertSaveLoad(new OrthoHashMethod(true), DeepMethodChecks.config(8, 1), dir);
    }
}
