package org.hashing4j.models.methods.dsh;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
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

class DshMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);
    private static final int[] Y = {0, 1, 2, 0, 1, 2};

    /** Liu et al.: 1/(n(n−1)) Σ_{i<j} [s d + (1−s) max(m − d, 0)] + (α/n) Σ_i Σ_k | |u| − 1 |. */
    private static double loss(Map<String, double[][]> p, double alpha, double margin) {
        double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        int n = u.length;
        double pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = 0;
                for (int k = 0; k < u[i].length; k++) {
                    d += (u[i][k] - u[j][k]) * (u[i][k] - u[j][k]);
                }
                pairs += Y[i] == Y[j] ? d : Math.max(margin - d, 0);
            }
        }
        double reg = 0;
        for (double[] r : u) {
            for (double v : r) {
                reg += Math.abs(Math.abs(v) - 1);
            }
        }
        return pairs / (n * (n - 1)) + alpha / n * reg;
    }

    @Test
    void lossAndGradientFollowThePaper() {
        // Margin 8 = 2K with K = 4: some dissimilar pairs inside it, some beyond.
        ObjectiveHarness h = new ObjectiveHarness(new DshMethod.Objective(0.3, 8), 5, 4, 3, false, 2);
        h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
        Map<String, INDArray> feed = h.feed(X, oneHot(Y, 3), range(6), 1);
        // The pair weight 1/(n(n−1)) is fed in float, hence a relative tolerance of 1e-7.
        assertEquals(loss(h.parameters(), 0.3, 8), h.loss(feed), 1e-7 * h.loss(feed));
        h.assertGradientsMatch(feed, p -> loss(p, 0.3, 8), 1e-6);
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new DshMethod(), DeepMethodChecks.config(16, 6, "alpha", 0.1), 0.7);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("dsh", true);
        DeepMethodChecks.assertParametersChecked(new DshMethod(), "margin", -1);
        DeepMethodChecks.assertSaveLoad(new DshMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
