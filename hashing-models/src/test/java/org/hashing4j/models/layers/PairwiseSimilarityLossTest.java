package org.hashing4j.models.layers;

import static org.hashing4j.models.layers.LossLayerTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.models.layers.PairwiseSimilarityLoss.Mode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The pairwise-similarity loss in both modes: value, factored = explicit, gradient, JSON round trip. */
class PairwiseSimilarityLossTest {
    private static final int M = 9;
    private static final int BITS = 5;

    private static INDArray oneHot(int[] classes, int numClasses) {
        INDArray y = Nd4j.zeros(classes.length, numClasses);
        for (int i = 0; i < classes.length; i++) {
            y.putScalar(i, classes[i], 1.0);
        }
        return y;
    }

    /** λ/(2m)‖HHᵀ/L − S‖² with S given explicitly. */
    private static double direct(INDArray h, INDArray s, double lambda) {
        INDArray d = h.mmul(h.transpose()).divi(h.columns()).subi(s);
        return lambda / (2.0 * h.rows()) * d.mul(d).sumNumber().doubleValue();
    }

    /** S_ij = +1 when rows i and j of y share a class, else −1 (loops, as in the paper's definition). */
    private static INDArray shareMatrix(INDArray y) {
        int m = y.rows();
        INDArray s = Nd4j.zeros(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                boolean share = false;
                for (int c = 0; c < y.columns(); c++) {
                    share |= y.getDouble(i, c) > 0 && y.getDouble(j, c) > 0;
                }
                s.putScalar(i, j, share ? 1 : -1);
            }
        }
        return s;
    }

    private static final int[] CLASSES = {0, 2, 1, 2, 0, 3, 1, 1, 2};

    @Test
    void explicitModeMatchesThePaperFormulaOnSingleAndMultiLabelData() {
        INDArray h = randn(M, BITS, 11);
        INDArray y = oneHot(CLASSES, 4);
        assertEquals(direct(h, shareMatrix(y), 0.01), score(directGraph(BITS, new PairwiseSimilarityLoss(0.01, Mode.EXPLICIT)), h, y), 1e-12);
        INDArray multi = y.dup();
        multi.putScalar(0, 2, 1.0);
        multi.putScalar(3, 0, 1.0); // item 3 now shares two classes with item 0
        assertEquals(direct(h, shareMatrix(multi), 1.0), score(directGraph(BITS, new PairwiseSimilarityLoss(1.0, Mode.EXPLICIT)), h, multi), 1e-12);
    }

    @Test
    void factoredValueEqualsExplicitValueOnSingleLabelData() {
        INDArray h = randn(M, BITS, 12);
        INDArray y = oneHot(CLASSES, 4);
        double explicit = score(directGraph(BITS, new PairwiseSimilarityLoss(0.01, Mode.EXPLICIT)), h, y);
        double factored = score(directGraph(BITS, new PairwiseSimilarityLoss(0.01, Mode.FACTORED)), h, y);
        assertEquals(explicit, factored, 1e-12 * Math.abs(explicit));
    }

    @Test
    void factoredModeUsesGradedTargetsOnMultiLabelData() {
        INDArray h = randn(M, BITS, 13);
        INDArray y = oneHot(CLASSES, 4);
        y.putScalar(0, 2, 1.0);
        y.putScalar(3, 0, 1.0);
        INDArray graded = y.mmul(y.transpose()).muli(2).subi(1); // 2YYᵀ − 1: 3 for the pair sharing two classes
        assertEquals(3.0, graded.getDouble(0, 3));
        assertEquals(direct(h, graded, 0.5), score(directGraph(BITS, new PairwiseSimilarityLoss(0.5, Mode.FACTORED)), h, y), 1e-10);
    }

    @Test
    void gradientsAndJsonInBothModes() {
        INDArray x = randn(M, 6, 14);
        INDArray y = oneHot(CLASSES, 4);
        for (Mode mode : Mode.values()) {
            ComputationGraph g = codeGraph(6, BITS, new PairwiseSimilarityLoss(0.3, mode), 15);
            assertGradientsMatchFiniteDifferences(g, x, y);
            assertJsonRoundTrip(g, x, y);
        }
    }
}
