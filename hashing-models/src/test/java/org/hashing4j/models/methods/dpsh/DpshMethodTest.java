package org.hashing4j.models.methods.dpsh;

import static org.hashing4j.models.training.ObjectiveHarness.affine;
import static org.hashing4j.models.training.ObjectiveHarness.dot;
import static org.hashing4j.models.training.ObjectiveHarness.gaussian;
import static org.hashing4j.models.training.ObjectiveHarness.oneHot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.methods.DeepMethodChecks;
import org.hashing4j.models.methods.PairFormulas;
import org.hashing4j.models.training.ObjectiveHarness;
import org.hashing4j.models.training.CodeBank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DpshMethodTest {
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 0, 1};
    private static final double[][] X = gaussian(8, 5, 1, 1);
    /** The batch: items 1, 4, 6; the bank holds items 0..7 (7 is the validation item left out). */
    private static final int[] BATCH = {1, 4, 6};
    private static final int[] TRAIN = {0, 1, 2, 3, 4, 5, 6};

    /** Θ = ½⟨u_i, U_j⟩ with U the bank whose batch rows are the current u; balanced logistic + α quantisation. */
    private static double loss(Map<String, double[][]> p, double[][] bank, double alpha, boolean frozenBankRows,
            double[][] u0) {
        double[][] xb = new double[BATCH.length][];
        for (int i = 0; i < BATCH.length; i++) {
            xb[i] = X[BATCH[i]];
        }
        double[][] u = affine(xb, p.get("hash/fc/W"), p.get("hash/fc/b"));
        double[][] full = new double[TRAIN.length][];
        for (int r = 0; r < TRAIN.length; r++) {
            full[r] = bank[r];
        }
        for (int i = 0; i < BATCH.length; i++) {
            // The bank side is detached: for finite differences its rows stay at the unperturbed u.
            full[BATCH[i]] = frozenBankRows ? u0[i] : u[i];
        }
        double[][] s = new double[BATCH.length][TRAIN.length];
        double[][] l = new double[BATCH.length][TRAIN.length];
        for (int i = 0; i < BATCH.length; i++) {
            for (int j = 0; j < TRAIN.length; j++) {
                s[i][j] = Y[BATCH[i]] == Y[TRAIN[j]] ? 1 : 0;
                double theta = 0.5 * dot(u[i], full[j]);
                l[i][j] = Math.log(1 + Math.exp(theta)) - s[i][j] * theta;
            }
        }
        return PairFormulas.balancedMean(l, s) + alpha * PairFormulas.quantization(u);
    }

    @Test
    void lossAndGradientFollowThePaperWithABank() {
        DpshMethod.Objective o = new DpshMethod.Objective(0.2);
        ObjectiveHarness h = new ObjectiveHarness(o, 5, 4, 3, false, 2);
        h.set("hash/fc/b", gaussian(1, 4, 0.3, 4));
        float[][] x = new float[8][];
        for (int i = 0; i < 8; i++) {
            x[i] = new float[5];
            for (int d = 0; d < 5; d++) {
                x[i][d] = (float) X[i][d];
            }
        }
        o.bind(new FeatureSet(x, Labels.singleLabel(Y), null, "t"), TRAIN);
        o.prepare(new SplittableRandom(1));
        double[][] bank = gaussian(7, 4, 1, 6);
        o.restoreState(Map.of("bank", Nd4j.create(bank).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)), "test");
        double[][] xb = {X[1], X[4], X[6]};
        double[][] yb = oneHot(new int[] {Y[1], Y[4], Y[6]}, 3);
        Map<String, INDArray> feed = h.feed(xb, yb, BATCH, 1);
        // The graph sees the batch's outputs and the other four items' stored rows; the bank went
        // through float, so compare with the stored bank.
        assertEquals(4, feed.get(CodeBank.REST).rows());
        assertEquals(4, feed.get(CodeBank.REST_LABELS).rows());
        double[][] bankUsed = o.state().get("bank").toDoubleMatrix();
        assertEquals(loss(h.parameters(), bankUsed, 0.2, false, null), h.loss(feed), 1e-6);
        double[][] u0 = affine(xb, h.parameters().get("hash/fc/W"), h.parameters().get("hash/fc/b"));
        h.assertGradientsMatch(feed, p -> loss(p, bankUsed, 0.2, true, u0), 1e-5);
        // After a step the bank rows of the batch hold the batch's outputs.
        o.observe(new org.hashing4j.models.training.DeepObjective.Batch(0, 0, BATCH, null, null, null),
                Map.of("code_logits", Nd4j.create(u0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)));
        assertEquals((float) u0[1][2], o.state().get("bank").getFloat(4, 2), 1e-6);
        assertEquals(List.of(), List.copyOf(o.modelState().keySet()), "the bank stays out of model files");
    }

    @Test
    void learnsTheClasses() {
        DeepMethodChecks.assertLearns(new DpshMethod(), DeepMethodChecks.config(16, 4), 0.8);
    }

    @Test
    void registeredParametersCheckedAndModelFilesRoundTrip(@TempDir Path dir) {
        DeepMethodChecks.assertRegistered("dpsh", true);
        DeepMethodChecks.assertParametersChecked(new DpshMethod(), "alpha", -1);
        DeepMethodChecks.assertSaveLoad(new DpshMethod(), DeepMethodChecks.config(8, 1), dir);
    }
}
