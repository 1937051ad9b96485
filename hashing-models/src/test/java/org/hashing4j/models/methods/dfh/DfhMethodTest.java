package org.hashing4j.models.methods.dfh;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.dot;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
import static org.hashing4j.models.training.ObjectiveHarness.softplus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.training.ObjectiveHarness;
import org.hashing4j.models.training.CodeBank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DfhMethodTest {
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 0};
    private static final double[][] X = gaussian(7, 5, 1, 1);
    private static final int[] BATCH = {1, 2, 6};
    private static final int[] TRAIN = {0, 1, 2, 3, 4, 5, 6};

    /** The DFH loss in Java: bank with the batch's rows = u (frozen at u0 for differences), targets b fixed. */
    private static double loss(Map<String, double[][]> p, double[][] bank, double[][] u0, double[][] b, double m,
            double eta) {
        double[][] xb = {X[1], X[2], X[6]};
        double[][] u = affine(xb, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double[][] full = bank.clone();
        for (int i = 0; i < BATCH.length; i++) {
            full[BATCH[i]] = u0 == null ? u[i] : u0[i];
        }
        double l = 0;
        for (int i = 0; i < BATCH.length; i++) {
            for (int j = 0; j < TRAIN.length; j++) {
                double theta = Math.max(-100, Math.min(50, 0.5 * dot(u[i], full[j])));
                boolean s = Y[BATCH[i]] == Y[TRAIN[j]];
                l += s ? softplus(m - theta) : softplus(m + theta);
            }
        }
        double q = 0;
        for (int i = 0; i < u.length; i++) {
            for (int k = 0; k < u[i].length; k++) {
                q += (b[i][k] - u[i][k]) * (b[i][k] - u[i][k]);
            }
        }
        return l / (BATCH.length * TRAIN.length) + eta * q / (u.length * u[0].length);
    }

    private static FeatureSet data() {
        float[][] x = new float[7][5];
        for (int i = 0; i < 7; i++) {
            for (int d = 0; d < 5; d++) {
                x[i][d] = (float) X[i][d];
            }
        }
        return new FeatureSet(x, Labels.singleLabel(Y), null, "t");
    }

    @Test
    void lossAndGradientFollowThePaper() {
        DfhMethod.Objective o = new DfhMethod.Objective(1, 1, 1, 0.5);
        ObjectiveHarness h = new ObjectiveHarness(o, 5, 4, 3, false, 2);
        h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
        o.bind(data(), TRAIN);
        o.prepare(new SplittableRandom(1));
        double[][] centres = {{1, -1, 1, 1}, {-1, -1, 1, -1}, {1, 1, -1, -1}};
        double[][] bankValues = gaussian(7, 4, 1, 6);
        o.restoreState(Map.of("bank", Nd4j.create(bankValues).castTo(DataType.FLOAT),
                "centres", Nd4j.create(centres).castTo(DataType.FLOAT)), "test");
        double[][] xb = {X[1], X[2], X[6]};
        Map<String, INDArray> feed = h.feed(xb, oneHot(new int[] {Y[1], Y[2], Y[6]}, 3), BATCH, 1);
        // the graph sees the batch's outputs and the other four items' stored rows (through float)
        assertEquals(4, feed.get(CodeBank.REST).rows());
        assertEquals(4, feed.get(CodeBank.REST_LABELS).rows());
        double[][] bank = o.state().get("bank").toDoubleMatrix();
        double[][] u0 = affine(xb, h.parameters().get("hash/fc/W"), h.parameters().get("hash/fc/b"));
        double[][] b = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 4; k++) {
                b[i][k] = Math.signum(centres[Y[BATCH[i]]][k] + u0[i][k]);
            }
        }
        assertEquals(loss(h.parameters(), bank, null, b, 1, 0.5), h.loss(feed), 1e-6);
        h.assertGradientsMatch(feed, p -> loss(p, bank, u0, b, 1, 0.5), 1e-5);
    }

    /** Σ_i ‖b_i − Σ_c y_ic cn_c‖² + ν Σ_{c≠c'} ⟨cn_c, cn_c'⟩. */
    private static double centreObjective(float[][] cn, float[][] y, float[][] b, double nu) {
        double j = 0;
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < b[i].length; k++) {
                double r = b[i][k];
                for (int c = 0; c < cn.length; c++) {
                    r -= y[i][c] * cn[c][k];
                }
                j += r * r;
            }
        }
        for (int c = 0; c < cn.length; c++) {
            for (int c2 = 0; c2 < cn.length; c2++) {
                if (c != c2) {
                    for (int k = 0; k < cn[c].length; k++) {
                        j += nu * cn[c][k] * cn[c2][k];
                    }
                }
            }
        }
        return j;
    }

    @Test
    void eachCentreUpdateIsACoordinateMinimum() {
        DfhMethod.Objective o = new DfhMethod.Objective(1, 1, 1, 0.5);
        new ObjectiveHarness(o, 5, 6, 3, true, 2);
        o.bind(data(), TRAIN);
        o.prepare(new SplittableRandom(1));
        float[][] y = {{1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 0, 0}};
        float[][] b = new float[5][6];
        SplittableRandom r = new SplittableRandom(4);
        for (float[] row : b) {
            for (int k = 0; k < 6; k++) {
                row[k] = r.nextBoolean() ? 1 : -1;
            }
        }
        o.updateCentres(y, b);
        float[][] cn = o.centres();
        double best = centreObjective(cn, y, b, 1);
        // The last class updated is at a coordinate-wise minimum given the others.
        for (int k = 0; k < 6; k++) {
            float keep = cn[2][k];
            cn[2][k] = -keep;
            assertTrue(centreObjective(cn, y, b, 1) >= best - 1e-9, "flipping bit " + k + " of the last centre");
            cn[2][k] = keep;
        }
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new DfhMethod(), DeepMethodChecks.config(16, 4), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("dfh", true);
        DeepMethodChecks.assertParametersChecked(new DfhMethod(), "eta", -1);
        DeepMethodChecks.assertSaveLoad(new DfhMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
