package org.hashing4j.models.methods.ssdh;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.dot;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class SsdhMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);

    /** mean over all n² pairs of |S_ij|(⟨tanh u_i, tanh u_j⟩/K − S_ij)². */
    private static double loss(Map<String, double[][]> p, float[][] s) {
        double[][] h = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        for (double[] row : h) {
            for (int k = 0; k < row.length; k++) {
                row[k] = Math.tanh(row[k]);
            }
        }
        double sum = 0;
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < h.length; j++) {
                double g = dot(h[i], h[j]) / h[i].length - s[i][j];
                sum += Math.abs(s[i][j]) * g * g;
            }
        }
        return sum / (h.length * h.length);
    }

    @Test
    void lossAndGradientFollowThePaper() {
        SsdhObjective o = new SsdhObjective(0.5, 0.5, 100);
        ObjectiveHarness h = new ObjectiveHarness(o, 5, 4, 0, false, 2);
        float[][] rows = new float[6][];
        for (int i = 0; i < 6; i++) {
            rows[i] = new float[5];
            for (int d = 0; d < 5; d++) {
                rows[i][d] = (float) X[i][d];
            }
        }
        o.bind(new FeatureSet(rows, null, null, "t"), range(6));
        o.prepare(new SplittableRandom(1));
        h.set("hash/fc/W", gaussian(5, 4, 0.8, 3));
        Map<String, INDArray> feed = h.feed(X, null, range(6), 1);
        float[][] s = o.pseudoLabels(rows);
        int labelled = 0;
        for (float[] r : s) {
            for (float v : r) {
                labelled += v != 0 ? 1 : 0;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(labelled > 6, "some off-diagonal pairs are labelled");
        assertEquals(loss(h.parameters(), s), h.loss(feed), 1e-9);
        h.assertGradientsMatch(feed, p -> loss(p, s), 1e-6);
    }

    @Test
    void thresholdsComeFromGaussiansFittedToTheMirroredHalves() {
        double[] d = {0.11, 0.30, 0.305, 0.301, 0.32, 0.45, 0.6, 0.9, 0.2, 0.309};
        // Mode: bin [0.30, 0.31) holds 4. Mirror each half about 0.30 explicitly and fit mean/std.
        double centre = 0.30;
        List<Double> left = new ArrayList<>();
        List<Double> right = new ArrayList<>();
        for (double v : d) {
            List<Double> half = v <= centre ? left : right;
            half.add(v);
            half.add(2 * centre - v);
        }
        double[] expected = {meanOf(left) - 2 * stdOf(left), meanOf(right) + 1.5 * stdOf(right)};
        assertArrayEquals(expected, SsdhObjective.thresholds(d, 2, 1.5), 1e-12);
    }

    private static double meanOf(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double stdOf(List<Double> v) {
        double m = meanOf(v);
        return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).average().orElseThrow());
    }

    @Test
    void learnsOnFixedFeatures() {
        DeepMethodChecks.assertLearns(new SsdhMethod(), DeepMethodChecks.config(16, 4, "backbone", "features",
                "backbone_lr_scale", 0, "alpha", 1, "beta", 1), 0.5);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("ssdh", false);
        DeepMethodChecks.assertParametersChecked(new SsdhMethod(), "sample_size", 1);
        DeepMethodChecks.assertSaveLoad(new SsdhMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
