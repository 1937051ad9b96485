package org.hashing4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hashing4j.models.layers.LossLayerTestSupport.*;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Equality, independence and balance losses: value, gradient, JSON round trip. */
class CodeLossLayersTest {
    private static final int M = 7;
    private static final int BITS = 4;

    @Test
    void equalityLossIsLambdaOverTwoMTimesSquaredDistanceToTargets() {
        INDArray h = randn(M, BITS, 1);
        INDArray b = randomSigns(M, BITS, 2);
        double expected = 0.05 / (2.0 * M) * h.sub(b).norm2Number().doubleValue() * h.sub(b).norm2Number().doubleValue();
        assertEquals(expected, score(directGraph(BITS, new EqualityLoss(0.05)), h, b), 1e-12);

        ComputationGraph g = codeGraph(6, BITS, new EqualityLoss(0.7), 3);
        INDArray x = randn(M, 6, 4);
        assertGradientsMatchFiniteDifferences(g, x, b);
        assertJsonRoundTrip(g, x, b);
    }

    @Test
    void independenceLossIsDistanceOfSecondMomentFromIdentity() {
        INDArray h = randn(M, BITS, 5);
        INDArray second = h.transpose().mmul(h).divi(M);
        INDArray diff = second.sub(Nd4j.eye(BITS));
        double expected = 0.01 / 2.0 * diff.mul(diff).sumNumber().doubleValue();
        assertEquals(expected, score(directGraph(BITS, new IndependenceLoss(0.01)), h, null), 1e-12);

        ComputationGraph g = codeGraph(6, BITS, new IndependenceLoss(0.3), 6);
        INDArray x = randn(M, 6, 7);
        assertGradientsMatchFiniteDifferences(g, x, null);
        assertJsonRoundTrip(g, x, null);
    }

    @Test
    void balanceLossIsSquaredBitSumsOverTwoM() {
        INDArray h = randn(M, BITS, 8);
        INDArray sums = h.sum(0);
        double expected = 0.5e-6 / (2.0 * M) * sums.mul(sums).sumNumber().doubleValue();
        assertEquals(expected, score(directGraph(BITS, new BalanceLoss(0.5e-6)), h, null), 1e-18);

        ComputationGraph g = codeGraph(6, BITS, new BalanceLoss(0.4), 9);
        INDArray x = randn(M, 6, 10);
        assertGradientsMatchFiniteDifferences(g, x, null);
        assertJsonRoundTrip(g, x, null);
    }
}
