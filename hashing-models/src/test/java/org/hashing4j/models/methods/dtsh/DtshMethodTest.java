package org.hashing4j.models.methods.dtsh;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.dot;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
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

class DtshMethodTest {
    private static final double[][] X = gaussian(7, 5, 1, 1);
    /** Item 6 is the only one of class 3: no positive besides itself, still a valid anchor (it counts itself). */
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 3};

    /** DTSH by loops over anchors, positives and negatives. */
    private static double loss(Map<String, double[][]> p, double alpha, double lambda) {
        double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        int n = u.length;
        double total = 0;
        int valid = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int count = 0;
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    if (Y[j] == Y[i] && Y[k] != Y[i]) {
                        double t = Math.max(-100, Math.min(50, dot(u[i], u[j]) - dot(u[i], u[k]) - alpha));
                        sum += softplus(-t);
                        count++;
                    }
                }
            }
            if (count > 0) {
                total += sum / count;
                valid++;
            }
        }
        return (valid > 0 ? total / valid : 0) + lambda * PairFormulas.quantization(u);
    }

    @Test
    void lossAndGradientFollowThePaper() {
        ObjectiveHarness h = new ObjectiveHarness(new DtshMethod.Objective(2, 0.5), 5, 4, 4, false, 2);
        h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
        Map<String, INDArray> feed = h.feed(X, oneHot(Y, 4), range(7), 1);
        // The triplet weights are fed in float, hence a relative tolerance of 1e-7.
        assertEquals(loss(h.parameters(), 2, 0.5), h.loss(feed), 1e-7 * h.loss(feed));
        h.assertGradientsMatch(feed, p -> loss(p, 2, 0.5), 1e-6);
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new DtshMethod(), DeepMethodChecks.config(16, 4), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("dtsh", true);
        DeepMethodChecks.assertParametersChecked(new DtshMethod(), "lambda", -1);
        DeepMethodChecks.assertSaveLoad(new DtshMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
