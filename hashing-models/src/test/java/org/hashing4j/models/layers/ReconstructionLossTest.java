package org.hashing4j.models.layers;

import static org.hashing4j.models.layers.LossLayerTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reconstruction from codes: value, activations, gradient (decoder and upstream), JSON round trip. */
class ReconstructionLossTest {
    private static final int M = 8;
    private static final int BITS = 3;
    private static final int D = 5;

    @Test
    void valueIsHalfMeanSquaredReconstructionErrorAndActivationsAreTheReconstruction() {
        ComputationGraph g = directGraph(BITS, new ReconstructionLoss(D, 1.0));
        INDArray w = randn(BITS, D, 21);
        INDArray c = randn(1, D, 22);
        // assign into the parameter views (SameDiffOutputLayer.setParam only checks the shape)
        g.getLayer("loss").getParam(ReconstructionLoss.WEIGHT_KEY).assign(w);
        g.getLayer("loss").getParam(ReconstructionLoss.BIAS_KEY).assign(c);
        INDArray b = randomSigns(M, BITS, 23);
        INDArray x = randn(M, D, 24);
        INDArray recon = b.mmul(w).addiRowVector(c);
        INDArray diff = x.sub(recon);
        double expected = 1.0 / (2.0 * M) * diff.mul(diff).sumNumber().doubleValue();
        assertEquals(expected, score(g, b, x), 1e-12);
        assertEquals(recon, g.outputSingle(b));
    }

    @Test
    void gradientAndJsonRoundTrip() {
        ComputationGraph g = codeGraph(6, BITS, new ReconstructionLoss(D, 0.8), 25);
        INDArray in = randn(M, 6, 26);
        INDArray x = randn(M, D, 27);
        assertGradientsMatchFiniteDifferences(g, in, x);
        assertJsonRoundTrip(g, in, x);
    }
}
