package org.hashing4j.models.methods.tbh;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.hashing4j.models.training.ObjectiveHarness.softplus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TbhMethodTest {
    private static final double[][] X = gaussian(5, 4, 1, 1);
    private static final int K = 6;

    private static double[][] map(double[][] m, DoubleUnaryOperator f) {
        double[][] o = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                o[i][j] = f.applyAsDouble(m[i][j]);
            }
        }
        return o;
    }

    private static double[][] mmul(double[][] a, double[][] b) {
        return affine(a, b, null);
    }

    /** Code probabilities p = σ(W2 ReLU(W1 x + c1) + c2) and the GCN output g, for freezing the reversal's base. */
    private static double[][][] forward(Map<String, double[][]> w, double[][] shift) {
        double[][] e = map(affine(X, w.get("encoder/fc/W"), w.get("encoder/fc/b")), v -> Math.max(0, v));
        double[][] p = map(affine(e, w.get("hash/fc/W"), w.get("hash/fc/b")), v -> 1 / (1 + Math.exp(-v)));
        double[][] b = new double[p.length][K];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < K; k++) {
                b[i][k] = shift == null ? (p[i][k] > 0.5 ? 1 : 0) : p[i][k] + shift[i][k];
            }
        }
        double[][] z = affine(e, w.get("continuous/fc/W"), w.get("continuous/fc/b"));
        int n = p.length;
        double[][] a = new double[n][n];
        double[] deg = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < K; k++) {
                    s += b[i][k] * b[j][k] + (1 - b[i][k]) * (1 - b[j][k]);
                }
                a[i][j] = Math.pow(s / K, 1.4);
                deg[i] += a[i][j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] /= Math.sqrt(deg[i] + 1e-8) * Math.sqrt(deg[j] + 1e-8);
            }
        }
        double[][] g = map(mmul(a, affine(z, w.get("gcn/fc/W"), w.get("gcn/fc/b"))), v -> 1 / (1 + Math.exp(-v)));
        return new double[][][] {p, b, g};
    }

    /**
     * ½Σ(r − x)² + λ·[BCE(D1(b),1) + BCE(D1(b̃),0) + BCE(D2(g),1) + BCE(D2(g̃),0)], BCE by its definition
     * −log σ / −log(1 − σ). The critics see 2·x₀ − x (x₀ frozen at the base point): same value, the
     * gradient reversed for the actor, as in the graph.
     */
    private static double loss(Map<String, double[][]> w, double[][] shift, double[][][] base, double[][] priorB,
            double[][] priorG, double lambda) {
        double[][][] f = forward(w, shift);
        double[][] b = f[1];
        double[][] g = f[2];
        double[][] r = affine(map(affine(g, w.get("decoder/fc/W"), w.get("decoder/fc/b")), v -> Math.max(0, v)),
                w.get("decoder/out/W"), w.get("decoder/out/b"));
        double rec = 0;
        for (int i = 0; i < r.length; i++) {
            for (int d = 0; d < r[i].length; d++) {
                rec += 0.5 * (r[i][d] - X[i][d]) * (r[i][d] - X[i][d]);
            }
        }
        double[][] bIn = b;
        double[][] gIn = g;
        if (base != null) {
            bIn = new double[b.length][K];
            gIn = new double[g.length][g[0].length];
            for (int i = 0; i < b.length; i++) {
                for (int k = 0; k < K; k++) {
                    bIn[i][k] = 2 * base[1][i][k] - b[i][k];
                }
                for (int k = 0; k < g[i].length; k++) {
                    gIn[i][k] = 2 * base[2][i][k] - g[i][k];
                }
            }
        }
        double adv = bce(affine(bIn, w.get("critic_codes/W"), w.get("critic_codes/b")), 1)
                + bce(affine(priorB, w.get("critic_codes/W"), w.get("critic_codes/b")), 0)
                + bce(affine(gIn, w.get("critic_latent/W"), w.get("critic_latent/b")), 1)
                + bce(affine(priorG, w.get("critic_latent/W"), w.get("critic_latent/b")), 0);
        return rec + lambda * adv;
    }

    private static double bce(double[][] logits, int label) {
        double s = 0;
        for (double[] l : logits) {
            double p = 1 / (1 + Math.exp(-l[0]));
            s += label == 1 ? -Math.log(p) : -Math.log(1 - p);
        }
        return s / logits.length;
    }

    @Test
    void lossFollowsThePaper() {
        ObjectiveHarness h = new ObjectiveHarness(new TbhObjective(0.7, 5, 3), 4, K, 0, false, 2);
        h.set("hash/fc/W", gaussian(5, K, 1.5, 3));
        Map<String, INDArray> feed = h.feed(X, null, range(5), 1);
        double[][] priorB = feed.get(TbhObjective.PRIOR_CODES).toDoubleMatrix();
        double[][] priorG = feed.get(TbhObjective.PRIOR_LATENT).toDoubleMatrix();
        assertEquals(loss(h.parameters(), null, null, priorB, priorG, 0.7), h.loss(feed), 1e-9);
    }

    /**
     * Item 3's encoder output is all zero and the hash bias starts at zero, so its logits, its code and
     * the code critic's logit are exactly 0: this checks the straight-through and reversed gradients at
     * those points too (softplus' at 0 used to come out 0 instead of ½, see {@code nets.Layers#softplus}).
     */
    @Test
    void lossAndReversedGradientsFollowThePaper() {
        ObjectiveHarness h = new ObjectiveHarness(new TbhObjective(0.7, 5, 3), 4, K, 0, false, 2);
        h.set("hash/fc/W", gaussian(5, K, 1.5, 3));
        Map<String, INDArray> feed = h.feed(X, null, range(5), 1);
        double[][] priorB = feed.get(TbhObjective.PRIOR_CODES).toDoubleMatrix();
        double[][] priorG = feed.get(TbhObjective.PRIOR_LATENT).toDoubleMatrix();
        Map<String, double[][]> w = h.parameters();
        assertEquals(loss(w, null, null, priorB, priorG, 0.7), h.loss(feed), 1e-9);
        double[][][] base = forward(w, null);
        double[][] p = base[0];
        double[][] shift = new double[p.length][K];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < K; k++) {
                shift[i][k] = (p[i][k] > 0.5 ? 1 : 0) - p[i][k];
            }
        }
        // x^1.4 has no finite difference at 0 from below: this draw has no pair of complementary codes.
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                int agree = 0;
                for (int k = 0; k < K; k++) {
                    agree += base[1][i][k] == base[1][j][k] ? 1 : 0;
                }
                assertTrue(agree > 0, "complementary codes " + i + ", " + j);
            }
        }
        h.assertGradientsMatch(feed, q -> loss(q, shift, base, priorB, priorG, 0.7), 1e-6);
    }

    @Test
    void learnsOnFixedFeatures() {
        DeepMethodChecks.assertLearns(new TbhMethod(), DeepMethodChecks.config(16, 4, "backbone", "features",
                "backbone_lr_scale", 0, "encoder_hidden", 32, "latent_dim", 16, "learning_rate", 0.003), 0.5);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("tbh", false);
        DeepMethodChecks.assertParametersChecked(new TbhMethod(), "latent_dim", 0);
        DeepMethodChecks.assertSaveLoad(new TbhMethod(),
                DeepMethodChecks.config(8, 1, "encoder_hidden", 16, "latent_dim", 8), dir);
    }
}
