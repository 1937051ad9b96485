package org.hashing4j.models.methods.dshangular;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.crossEntropy;
import static org.hashing4j.models.training.ObjectiveHarness.dot;
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

class AngularDshMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);
    private static final int[] Y = {0, 1, 2, 3, 1, 2};
    private static final int C = 4;

    private static double cos(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    /** CE(margin logits) − α·mean_{c<c'} hd + β·unbiased var_{c<c'} hd, hd = (K − ⟨tanh ŵ_c, tanh ŵ_c'⟩)/2. */
    private static double loss(Map<String, double[][]> p, double s, double m, double alpha, double beta, boolean arc) {
        double[][] v = affine(X, p.get("hash/fc/W"), null);
        double[][] w = p.get("class_weights");
        int k = w[0].length;
        double ce = 0;
        for (int i = 0; i < v.length; i++) {
            double[] z = new double[C];
            for (int c = 0; c < C; c++) {
                double cs = cos(v[i], w[c]);
                double t = c == Y[i] ? m : 0;
                z[c] = arc ? s * Math.cos(Math.acos(Math.max(-0.99999, Math.min(0.99999, cs))) + t) : s * (cs - t);
            }
            ce += crossEntropy(z, oneHot(Y, C)[i]) / v.length;
        }
        double[][] g = new double[C][k];
        for (int c = 0; c < C; c++) {
            double norm = Math.sqrt(dot(w[c], w[c]));
            for (int j = 0; j < k; j++) {
                g[c][j] = Math.tanh(w[c][j] / norm);
            }
        }
        java.util.List<Double> hd = new java.util.ArrayList<>();
        for (int a = 0; a < C; a++) {
            for (int b = a + 1; b < C; b++) {
                hd.add((k - dot(g[a], g[b])) / 2);
            }
        }
        double mean = hd.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var = hd.stream().mapToDouble(h -> (h - mean) * (h - mean)).sum() / (hd.size() - 1);
        return ce - alpha * mean + beta * var;
    }

    @Test
    void lossAndGradientFollowThePaperForBothMargins() {
        for (boolean arc : new boolean[] {false, true}) {
            ObjectiveHarness h = new ObjectiveHarness(new AngularDshMethod.Objective(10, 0.2, 0.7, 0.4, arc), 5, 6, C,
                    false, 2);
            h.set("hash/fc/W", gaussian(5, 6, 0.5, 3));
            Map<String, INDArray> feed = h.feed(X, oneHot(Y, C), range(6), 1);
            assertEquals(loss(h.parameters(), 10, 0.2, 0.7, 0.4, arc), h.loss(feed), 1e-9);
            h.assertGradientsMatch(feed, p -> loss(p, 10, 0.2, 0.7, 0.4, arc), 1e-6);
        }
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new AngularDshMethod(), DeepMethodChecks.config(16, 4), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("dsh-angular", true);
        DeepMethodChecks.assertParametersChecked(new AngularDshMethod(), "margin_type", "sphereface");
        DeepMethodChecks.assertSaveLoad(new AngularDshMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
