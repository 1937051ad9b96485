package org.hashing4j.models.methods.adsh;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.dot;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.DeepModel;
import org.hashing4j.models.training.ObjectiveHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdshMethodTest {
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 0, 1};
    private static final double[][] X = gaussian(8, 5, 1, 1);
    /** The database: items 0..6 (7 plays the validation item left out). */
    private static final int[] TRAIN = {0, 1, 2, 3, 4, 5, 6};
    private static final int[] BATCH = {1, 4, 6};
    private static final int BITS = 4;

    private static FeatureSet data() {
        float[][] x = new float[X.length][];
        for (int i = 0; i < X.length; i++) {
            x[i] = new float[X[i].length];
            for (int d = 0; d < X[i].length; d++) {
                x[i][d] = (float) X[i][d];
            }
        }
        return new FeatureSet(x, Labels.singleLabel(Y), null, "t");
    }

    private static double s(int i, int j, double r) {
        return Y[i] == Y[j] ? 1 : -r;
    }

    /** The paper's loss with the authors' normalisation: [Σ (h_iᵀv_j − K·S_ij)² + γ Σ ‖v_ω(i) − h_i‖²]/(N·n). */
    private static double loss(Map<String, double[][]> p, double[][] v, double gamma, double r) {
        double[][] xb = new double[BATCH.length][];
        for (int i = 0; i < BATCH.length; i++) {
            xb[i] = X[BATCH[i]];
        }
        double[][] u = affine(xb, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double sum = 0;
        for (int i = 0; i < BATCH.length; i++) {
            double[] h = new double[BITS];
            for (int k = 0; k < BITS; k++) {
                h[k] = Math.tanh(u[i][k]);
            }
            for (int j = 0; j < TRAIN.length; j++) {
                double a = dot(h, v[j]) - BITS * s(BATCH[i], TRAIN[j], r);
                sum += a * a;
            }
            for (int k = 0; k < BITS; k++) {
                double d = v[BATCH[i]][k] - h[k];
                sum += gamma * d * d;
            }
        }
        return sum / (TRAIN.length * BATCH.length);
    }

    private static double[][] randomCodes(int rows, int bits, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] v = new double[rows][bits];
        for (double[] row : v) {
            for (int k = 0; k < bits; k++) {
                row[k] = random.nextBoolean() ? 1 : -1;
            }
        }
        return v;
    }

    @Test
    void lossAndGradientFollowThePaper() {
        for (boolean soft : new boolean[] {true, false}) {
            AdshObjective o = new AdshObjective(3.0, 4, 1, soft);
            ObjectiveHarness h = new ObjectiveHarness(o, 5, BITS, 3, false, 2);
            h.set("hash/fc/b", gaussian(1, BITS, 0.3, 4));
            o.bind(data(), TRAIN);
            o.prepare(new SplittableRandom(1));
            double[][] v = randomCodes(TRAIN.length, BITS, 5);
            o.restoreState(Map.of(AdshObjective.DATABASE_CODES, Nd4j.create(v).castTo(DataType.FLOAT)), "test");
            int[] items = o.epochItems(0, TRAIN, new SplittableRandom(7));
            assertEquals(4, items.length);
            // r over Ω × database, counted directly.
            double similar = 0;
            for (int i : o.omega()) {
                for (int j : TRAIN) {
                    similar += Y[i] == Y[j] ? 1 : 0;
                }
            }
            double r = soft ? similar / (4 * TRAIN.length - similar) : 1;
            assertEquals(r, o.similarityWeight(), 1e-12);
            double[][] xb = {X[1], X[4], X[6]};
            Map<String, INDArray> feed = h.feed(xb, oneHot(new int[] {Y[1], Y[4], Y[6]}, 3), BATCH, 1);
            // r went through float in the feed.
            double rFed = soft ? (float) r : 1;
            assertEquals(loss(h.parameters(), v, 3.0, rFed), h.loss(feed), 1e-6);
            h.assertGradientsMatch(feed, p -> loss(p, v, 3.0, rFed), 1e-5);
        }
    }

    /** ‖U·Wᵀ − K·S‖² + γ‖W_Ω − U‖², the objective the V update minimises. */
    private static double codeObjective(double[][] w, double[][] u, int[] omega, double r, double gamma) {
        double j = 0;
        for (int i = 0; i < omega.length; i++) {
            for (int d = 0; d < TRAIN.length; d++) {
                double a = dot(u[i], w[d]) - BITS * s(omega[i], TRAIN[d], r);
                j += a * a;
            }
            for (int k = 0; k < BITS; k++) {
                double e = w[omega[i]][k] - u[i][k];
                j += gamma * e * e;
            }
        }
        return j;
    }

    @Test
    void theCodeUpdateMinimisesEachColumnGivenTheOthers() {
        for (long seed = 1; seed <= 4; seed++) {
            double gamma = seed == 1 ? 0.5 : 20;
            AdshObjective o = new AdshObjective(gamma, 4, 1, seed % 2 == 0);
            new ObjectiveHarness(o, 5, BITS, 3, false, 2);
            o.bind(data(), TRAIN);
            o.prepare(new SplittableRandom(seed));
            // Before the update: a mix of ±1 and 0 (V starts at 0), which the column step must not assume away.
            double[][] before = randomCodes(TRAIN.length, BITS, seed + 10);
            before[2][1] = 0;
            before[5][3] = 0;
            o.restoreState(Map.of(AdshObjective.DATABASE_CODES, Nd4j.create(before).castTo(DataType.FLOAT)), "test");
            o.epochItems(0, TRAIN, new SplittableRandom(seed));
            int[] omega = o.omega();
            double[][] u = gaussian(omega.length, BITS, 0.6, seed + 20);
            float[][] uf = new float[u.length][BITS];
            for (int i = 0; i < u.length; i++) {
                for (int k = 0; k < BITS; k++) {
                    uf[i][k] = (float) u[i][k];
                    u[i][k] = uf[i][k];
                }
            }
            o.setOutputs(uf);
            o.endEpoch(0);
            float[][] after = o.codes();
            double r = o.similarityWeight();
            for (int k = 0; k < BITS; k++) {
                // Column k is updated with the columns before it already new and those after it still old.
                double[][] w = new double[TRAIN.length][BITS];
                for (int d = 0; d < TRAIN.length; d++) {
                    for (int l = 0; l < BITS; l++) {
                        w[d][l] = l <= k ? after[d][l] : before[d][l];
                    }
                }
                double chosen = codeObjective(w, u, omega, r, gamma);
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < 1 << TRAIN.length; c++) {
                    for (int d = 0; d < TRAIN.length; d++) {
                        w[d][k] = (c >> d & 1) == 1 ? 1 : -1;
                    }
                    best = Math.min(best, codeObjective(w, u, omega, r, gamma));
                }
                assertEquals(best, chosen, 1e-9 * (1 + Math.abs(best)), "seed " + seed + ", column " + k);
            }
            for (float[] row : after) {
                for (float b : row) {
                    assertTrue(b == 1f || b == -1f, "binary codes after the update");
                }
            }
        }
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new AdshMethod(), DeepMethodChecks.config(16, 4, "sample_size", 200), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("adsh", true);
        DeepMethodChecks.assertParametersChecked(new AdshMethod(), "gamma", -1);
        DeepMethodChecks.assertParametersChecked(new AdshMethod(), "inner_epochs", 0);
        DeepMethodChecks.assertSaveLoad(new AdshMethod(), DeepMethodChecks.config(8, 1, "sample_size", 100), dir);
    }

    @Test
    void aResumedRunEndsBitIdentical(@TempDir Path dir) {
        MethodConfig c = DeepMethodChecks.config(8, 3, "sample_size", 150, "inner_epochs", 2, "validation_size", 40);
        DeepModel straight = (DeepModel) new AdshMethod().fit(DeepMethodChecks.TRAIN, c,
                new TrainingContext(null, dir.resolve("a"), false));
        TrainingListener stop = new TrainingListener() {
            @Override
            public void phaseStarted(String phase, long total) {
                if (phase.startsWith("epoch 3")) {
                    throw new IllegalStateException("interrupted");
                }
            }
        };
        Path b = dir.resolve("b");
        assertThrows(IllegalStateException.class,
                () -> new AdshMethod().fit(DeepMethodChecks.TRAIN, c, new TrainingContext(stop, b, false)));
        Checkpoint cp = Checkpoint.read(b);
        assertEquals(2, cp.stepsDone());
        INDArray saved = cp.arrays("state").get(AdshObjective.DATABASE_CODES);
        assertEquals(440, saved.rows(), "V covers the training items, not the validation slice");
        DeepModel resumed = (DeepModel) new AdshMethod().fit(DeepMethodChecks.TRAIN, c,
                new TrainingContext(null, b, true));
        Map<String, INDArray> x = straight.network().parameters();
        Map<String, INDArray> y = resumed.network().parameters();
        for (String name : x.keySet()) {
            assertEquals(x.get(name), y.get(name), name);
        }
        INDArray v1 = straight.network().objective().state().get(AdshObjective.DATABASE_CODES);
        INDArray v2 = resumed.network().objective().state().get(AdshObjective.DATABASE_CODES);
        assertArrayEquals(v1.toFloatMatrix(), v2.toFloatMatrix());
        assertEquals(straight.encode(DeepMethodChecks.QUERIES.features()),
                resumed.encode(DeepMethodChecks.QUERIES.features()));
    }
}
