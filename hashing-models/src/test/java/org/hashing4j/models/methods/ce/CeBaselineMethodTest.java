package org.hashing4j.models.methods.ce;

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

class CeBaselineMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);
    private static final double[][] MULTI = {{1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 0}};

    /** mean_i −Σ_c ȳ_ic log softmax(W_c(W x_i + c) + c_c)_c. */
    private static double loss(Map<String, double[][]> p, double[][] y) {
        double[][] v = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double[][] z = affine(v, p.get("classifier/fc/W"), p.get("classifier/fc/b"));
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            s += crossEntropy(z[i], y[i]);
        }
        return s / z.length;
    }

    @Test
    void lossAndGradientFollowTheFormulaForSingleAndMultiLabels() {
        for (boolean multi : new boolean[] {false, true}) {
            double[][] y = multi ? MULTI : oneHot(new int[] {0, 1, 2, 0, 1, 2}, 3);
            ObjectiveHarness h = new ObjectiveHarness(new CeBaselineMethod.Objective(), 5, 4, 3, multi, 2);
            h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
            h.set("classifier/fc/b", gaussian(1, 3, 0.3, 5));
            Map<String, INDArray> feed = h.feed(X, y, range(6), 1);
            assertEquals(loss(h.parameters(), y), h.loss(feed), 1e-9);
            h.assertGradientsMatch(feed, p -> loss(p, y), 1e-6);
        }
    }

    @Test
    void learnsTheClasses() {
        // Nothing pushes the bottleneck to ±1, so its signs group the classes less tightly than a hashing loss.
        DeepMethodChecks.assertLearns(new CeBaselineMethod(), DeepMethodChecks.config(16, 4), 0.6);
    }

    @Test
    void registeredAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("ce", true);
        DeepMethodChecks.assertSaveLoad(new CeBaselineMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
