package org.hashing4j.models.methods.bihalf;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.cosine;
import static org.hashing4j.models.training.ObjectiveHarness.crossEntropy;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class BiHalfMethodTest {
    private static final double[][] X = gaussian(7, 5, 1, 1);
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 1};

    /** The authors' forward: per column, sort descending (stable: ties keep row order), top ⌊n/2⌋ → +1. */
    static double[][] split(double[][] u) {
        int n = u.length;
        double[][] b = new double[n][u[0].length];
        for (int k = 0; k < u[0].length; k++) {
            final int col = k;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -u[i][col]));
            for (int r = 0; r < n; r++) {
                b[order[r]][k] = r < n / 2 ? 1 : -1;
            }
        }
        return b;
    }

    /**
     * The loss with b = u + (B₀ − u₀) (straight through) plus the surrogate (γ/2)·mean(u − B₀)², whose
     * gradient is the layer's (γ/(nK))(u − b) term and whose value the graph subtracts (it reports 0).
     */
    private static double loss(Map<String, double[][]> p, boolean supervised, double[][] frozen, double gamma) {
        double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double[][] b0 = frozen == null ? split(u) : frozen;
        double[][] b = new double[u.length][u[0].length];
        double extra = 0;
        for (int i = 0; i < u.length; i++) {
            for (int k = 0; k < u[i].length; k++) {
                b[i][k] = frozen == null ? b0[i][k] : u[i][k] + shift[i][k];
                extra += (u[i][k] - b0[i][k]) * (u[i][k] - b0[i][k]);
            }
        }
        extra = frozen == null ? 0 : gamma / 2 * extra / (u.length * u[0].length);
        double main = 0;
        if (supervised) {
            for (int i = 0; i < u.length; i++) {
                double[] z = affine(new double[][] {b[i]}, p.get("classifier/fc/W"), p.get("classifier/fc/b"))[0];
                main += crossEntropy(z, oneHot(Y, 3)[i]) / u.length;
            }
        } else {
            int half = u.length / 2;
            for (int i = 0; i < half; i++) {
                double d = cosine(b[i], b[i + half]) - cosine(X[i], X[i + half]);
                main += d * d / half;
            }
        }
        return main + extra;
    }

    private static double[][] shift;

    @Test
    void theSplitGivesHalfOfEachBitWithTiesToTheEarlierRow() {
        ObjectiveHarness h = new ObjectiveHarness(new BiHalfMethod.Objective(true, 6), 5, 4, 3, false, 2);
        double[][] x = gaussian(7, 5, 1, 1);
        x[3] = x[1].clone(); // a tie in every bit
        Map<String, INDArray> feed = h.feed(x, oneHot(Y, 3), range(7), 1);
        double[][] u = h.value("code_logits", feed);
        double[][] b = h.value("codes", feed);
        double[][] expected = split(u);
        for (int i = 0; i < 7; i++) {
            assertArrayEquals(expected[i], b[i], 1e-12, "row " + i);
        }
    }

    @Test
    void lossAndGradientFollowThePaperForBothVariants() {
        for (boolean supervised : new boolean[] {true, false}) {
            ObjectiveHarness h = new ObjectiveHarness(new BiHalfMethod.Objective(supervised, 3), 5, 4,
                    supervised ? 3 : 0, false, 2);
            h.set("hash/fc/W", gaussian(5, 4, 0.7, 3));
            Map<String, INDArray> feed = h.feed(X, supervised ? oneHot(Y, 3) : null, range(7), 1);
            Map<String, double[][]> p = new java.util.LinkedHashMap<>(h.parameters());
            if (!p.containsKey("hash/fc/b")) {
                p.put("hash/fc/b", null);
            }
            assertEquals(loss(p, supervised, null, 3), h.loss(feed), 1e-9);
            double[][] u = affine(X, p.get("hash/fc/W"), p.get("hash/fc/b"));
            double[][] b0 = split(u);
            shift = new double[u.length][u[0].length];
            for (int i = 0; i < u.length; i++) {
                for (int k = 0; k < u[i].length; k++) {
                    shift[i][k] = b0[i][k] - u[i][k];
                }
            }
            h.assertGradientsMatch(feed, q -> loss(q, supervised, b0, 3), 1e-6);
        }
    }

    @Test
    void learnsSupervisedAndUnsupervised() {
        DeepMethodChecks.assertLearns(new BiHalfMethod(true), DeepMethodChecks.config(16, 4), 0.8);
        DeepMethodChecks.assertLearns(new BiHalfMethod(false),
                DeepMethodChecks.config(16, 4, "backbone", "features", "backbone_lr_scale", 0), 0.5);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("bihalf", false);
        DeepMethodChecks.assertRegistered("bihalf-supervised", true);
        DeepMethodChecks.assertParametersChecked(new BiHalfMethod(false), "gamma", -1);
        DeepMethodChecks.assertSaveLoad(new BiHalfMethod(true), DeepMethodChecks.config(8, 1), dir);
    }
}
