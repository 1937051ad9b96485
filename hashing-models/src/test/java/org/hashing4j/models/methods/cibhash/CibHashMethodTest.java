package org.hashing4j.models.methods.cibhash;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.dot;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.DeepNetwork;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CibHashMethodTest {
    private static final double[][] X = gaussian(4, 5, 1, 1);
    private static final double TAU = 0.3;

    /** The cosine without the harness's 1e−8 (the codes are never zero). */
    private static double cosine(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    private static double[][] probabilities(Map<String, double[][]> p, double[][] views) {
        double[][] e = affine(views, p.get("encoder/fc/W"), p.get("encoder/fc/b"));
        for (double[] row : e) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.max(0, row[j]);
            }
        }
        double[][] l = affine(e, p.get("hash/fc/W"), p.get("hash/fc/b"));
        for (double[] row : l) {
            for (int j = 0; j < row.length; j++) {
                row[j] = sigmoid(row[j]);
            }
        }
        return l;
    }

    /**
     * The paper's loss in Java: NT-Xent of cos(z_i, z_j)/τ over the 2n codes + β·symmetric Bernoulli KL.
     * z = (p − ½) + shift, shift frozen at sign(p₀ − ½) − (p₀ − ½) (the straight-through surrogate; with
     * shift = null z is the exact sign); {@code frozen} is p₀ for the detached side of the KL.
     */
    private static double loss(Map<String, double[][]> params, double[][] views, double[][] shift, double[][] frozen,
            double beta) {
        double[][] p = probabilities(params, views);
        int m = p.length;
        int n = m / 2;
        double[][] q = frozen == null ? p : frozen;
        double[][] z = new double[m][p[0].length];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < z[i].length; k++) {
                z[i][k] = shift == null ? Math.signum(p[i][k] - 0.5) : p[i][k] - 0.5 + shift[i][k];
            }
        }
        double con = 0;
        for (int a = 0; a < m; a++) {
            int positive = a < n ? a + n : a - n;
            double sum = 0;
            for (int j = 0; j < m; j++) {
                if (j != a) {
                    sum += Math.exp(cosine(z[a], z[j]) / TAU);
                }
            }
            con += -Math.log(Math.exp(cosine(z[a], z[positive]) / TAU) / sum);
        }
        double kl = 0;
        for (int i = 0; i < n; i++) {
            kl += bernoulliKl(p[i], q[n + i]) + bernoulliKl(p[n + i], q[i]);
        }
        return con / m + beta * 0.5 * kl / n;
    }

    private static double bernoulliKl(double[] p, double[] q) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += p[k] * (Math.log(p[k] + 1e-8) - Math.log(q[k] + 1e-8))
                    + (1 - p[k]) * (Math.log(1 - p[k] + 1e-8) - Math.log(1 - q[k] + 1e-8));
        }
        return s;
    }

    @Test
    void lossAndGradientFollowThePaper() {
        CibHashObjective o = new CibHashObjective(TAU, 0.5, 6, new Augmentation(0.5, true, 0.4, 0.3, 0.2));
        ObjectiveHarness h = new ObjectiveHarness(o, 5, 6, 0, false, 2);
        h.set("hash/fc/W", gaussian(6, 6, 1.0, 3));
        Map<String, INDArray> feed = h.feed(X, null, range(4), 1);
        double[][] views = feed.get(DeepNetwork.INPUT).toDoubleMatrix();
        assertEquals(8, views.length, "two views of each of the 4 rows");
        double beta = 0.5;
        assertEquals(loss(h.parameters(), views, null, null, beta), h.loss(feed), 1e-9);
        double[][] p0 = probabilities(h.parameters(), views);
        double[][] shift = new double[p0.length][p0[0].length];
        for (int i = 0; i < p0.length; i++) {
            for (int k = 0; k < p0[i].length; k++) {
                shift[i][k] = Math.signum(p0[i][k] - 0.5) - (p0[i][k] - 0.5);
            }
        }
        h.assertGradientsMatch(feed, p -> loss(p, views, shift, p0, beta), 1e-6);
    }

    @Test
    void imageViewsCropFlipAndJitterTheImage() {
        float[] img = new float[16];
        for (int i = 0; i < 16; i++) {
            img[i] = i;
        }
        int[] shape = {1, 4, 4};
        // Full-area crops of aspect 1 and no jitter leave the image or its mirror; both must occur.
        Augmentation flipOnly = new Augmentation(1, true, 0, 0, 0);
        SplittableRandom r = new SplittableRandom(5);
        boolean sawMirror = false;
        boolean sawSame = false;
        for (int t = 0; t < 40; t++) {
            float[] v = flipOnly.view(img, shape, r);
            float[] mirror = new float[16];
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    mirror[y * 4 + x] = img[y * 4 + 3 - x];
                }
            }
            boolean same = java.util.Arrays.equals(v, img);
            boolean mirrored = java.util.Arrays.equals(v, mirror);
            // The aspect ratio may make the crop narrower than the image: then neither holds exactly.
            sawSame |= same;
            sawMirror |= mirrored;
        }
        assertTrue(sawSame && sawMirror, "identity and mirror views both drawn");
        Augmentation full = new Augmentation(0.5, true, 0.4, 0, 0);
        float[] a = full.view(img, shape, new SplittableRandom(9));
        assertArrayEquals(a, full.view(img, shape, new SplittableRandom(9)), "same draws, same view");
        assertEquals(16, a.length);
    }

    @Test
    void learnsOnFixedFeatures() {
        DeepMethodChecks.assertLearns(new CibHashMethod(), DeepMethodChecks.config(16, 3, "batch_size", 64, "backbone", "features",
                "backbone_lr_scale", 0, "encoder_hidden", 32, "learning_rate", 0.003), 0.5);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("cibhash", false);
        DeepMethodChecks.assertParametersChecked(new CibHashMethod(), "temperature", 0);
        DeepMethodChecks.assertSaveLoad(new CibHashMethod(), DeepMethodChecks.config(8, 1, "encoder_hidden", 16), dir);
    }
}
