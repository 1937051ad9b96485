package org.hashing4j.models.methods.hashnet;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.dot;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.hashing4j.models.training.ObjectiveHarness.softplus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.methods.PairFormulas;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class HashNetMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);
    private static final double[][] Y = {{1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 0, 0}, {0, 0, 1}};

    /** HashNet with β = 1 (epoch 0): θ = α⟨tanh u_i, tanh u_j⟩, ℓ = log(1 + e^θ) − sθ, balanced means. */
    private static double loss(Map<String, double[][]> p, double alpha) {
        double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double[][] h = new double[u.length][u[0].length];
        for (int i = 0; i < u.length; i++) {
            for (int k = 0; k < u[i].length; k++) {
                h[i][k] = Math.tanh(u[i][k]);
            }
        }
        double[][] s = PairFormulas.similarity(Y, Y);
        double[][] l = new double[u.length][u.length];
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < u.length; j++) {
                double theta = alpha * dot(h[i], h[j]);
                l[i][j] = Math.log(1 + Math.exp(theta)) - s[i][j] * theta;
            }
        }
        return PairFormulas.balancedMean(l, s);
    }

    @Test
    void lossAndGradientFollowThePaperOnMultiLabels() {
        ObjectiveHarness h = new ObjectiveHarness(new HashNetMethod.Objective(2, 20), 5, 4, 3, true, 2);
        h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
        Map<String, INDArray> feed = h.feed(X, Y, range(6), 1);
        assertEquals(loss(h.parameters(), 2), h.loss(feed), 1e-9);
        h.assertGradientsMatch(feed, p -> loss(p, 2), 1e-6);
        assertEquals(softplus(0), Math.log(2), 1e-15);
    }

    @Test
    void continuationRaisesBetaEveryStep() {
        HashNetMethod.Objective o = new HashNetMethod.Objective(1, 20);
        assertEquals(1.0, o.beta(19));
        assertEquals(Math.sqrt(2), o.beta(20), 1e-15);
        assertEquals(Math.sqrt(3), o.beta(45), 1e-15);
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new HashNetMethod(), DeepMethodChecks.config(16, 4, "alpha", 0.5), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("hashnet", true);
        DeepMethodChecks.assertParametersChecked(new HashNetMethod(), "step_continuation", 0);
        DeepMethodChecks.assertSaveLoad(new HashNetMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
