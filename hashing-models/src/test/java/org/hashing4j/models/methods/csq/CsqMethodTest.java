package org.hashing4j.models.methods.csq;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.methods.SyntheticData;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CsqMethodTest {
    private static final double[][] X = gaussian(6, 5, 1, 1);
    private static final int[] Y = {0, 1, 2, 0, 1, 2};

    /** mean BCE((1 + tanh u)/2, (1 + c)/2) + λ mean (|tanh u| − 1)², BCE with logs, not the softplus form. */
    private static double loss(Map<String, double[][]> p, float[][] targets, double lambda) {
        double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double bce = 0;
        double q = 0;
        int n = u.length * u[0].length;
        for (int i = 0; i < u.length; i++) {
            for (int k = 0; k < u[i].length; k++) {
                double h = Math.tanh(u[i][k]);
                double prob = (1 + h) / 2;
                double t = (1 + targets[i][k]) / 2;
                bce += -t * Math.log(prob) - (1 - t) * Math.log(1 - prob);
                q += (Math.abs(h) - 1) * (Math.abs(h) - 1);
            }
        }
        return bce / n + lambda * q / n;
    }

    @Test
    void lossAndGradientFollowThePaper() {
        CsqObjective o = new CsqObjective(0.3);
        ObjectiveHarness h = new ObjectiveHarness(o, 5, 8, 3, false, 2);
        o.bind(new FeatureSet(new float[6][5], Labels.singleLabel(new int[] {0, 1, 2, 0, 1, 2}), null, "t"), null);
        o.prepare(new SplittableRandom(1));
        h.set("hash/fc/b", gaussian(1, 8, 0.3, 4));
        float[][] targets = new float[6][];
        for (int i = 0; i < 6; i++) {
            targets[i] = o.centres()[Y[i]];
        }
        Map<String, INDArray> feed = h.feed(X, oneHot(Y, 3), range(6), 1);
        assertEquals(loss(h.parameters(), targets, 0.3), h.loss(feed), 1e-9);
        h.assertGradientsMatch(feed, p -> loss(p, targets, 0.3), 1e-6);
    }

    @Test
    void centresAreHadamardRowsOrBalancedAndFarApart() {
        float[][] c = HashCentres.generate(10, 8, new SplittableRandom(1));
        float[][] h = HashCentres.hadamard(8);
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(h[i], c[i]);
        }
        for (int k = 0; k < 8; k++) {
            assertEquals(-h[1][k], c[9][k]);
        }
        float[][] r = HashCentres.generate(5, 12, new SplittableRandom(2));
        for (float[] row : r) {
            int neg = 0;
            for (float v : row) {
                neg += v < 0 ? 1 : 0;
            }
            assertEquals(6, neg, "balanced: K/2 entries −1");
        }
    }

    @Test
    void multiLabelTargetIsTheSignOfTheSumWithTiesFilled() {
        CsqObjective o = new CsqObjective(0.001);
        new ObjectiveHarness(o, 5, 8, 3, true, 2);
        o.bind(new FeatureSet(new float[3][5], Labels.multiHot(new int[][] {{1, 1, 0}, {0, 1, 1}, {1, 0, 0}}), null, "t"),
                null);
        o.prepare(new SplittableRandom(1));
        float[] t = o.target(new float[] {1, 1, 0});
        float[][] c = o.centres();
        for (int k = 0; k < 8; k++) {
            float s = c[0][k] + c[1][k];
            assertTrue(s == 0 ? Math.abs(t[k]) == 1 : t[k] == Math.signum(s));
        }
    }

    @Test
    void learnsSingleAndMultiLabelData() {
        DeepMethodChecks.assertLearns(new CsqMethod(), DeepMethodChecks.config(16, 4), 0.8);
        FeatureSet multi = SyntheticData.withMultiLabels(DeepMethodChecks.TRAIN, 4);
        assertEquals(480, new CsqMethod().fit(multi, DeepMethodChecks.config(16, 1), null).encode(multi.features()).size());
    }

    @Test
    void registeredParametersCheckedAndCentresSavedWithTheModel(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("csq", true);
        DeepMethodChecks.assertParametersChecked(new CsqMethod(), "lambda", -0.5);
        DeepMethodChecks.assertSaveLoad(new CsqMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
