package org.hashing4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link HashOps#crossEntropy} stays finite, with finite gradients, when a class's probability
 * underflows in float: a confident classifier (logit gaps beyond ~100) must not turn 0 · log 0 into
 * NaN — the CE baseline's training ended that way in epoch 9 of the Fashion-MNIST comparison.
 */
class HashOpsCrossEntropyTest {
    @Test
    void confidentLogitsGiveAFiniteLossAndGradient() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.createFromArray(new float[][] {{300f, -300f, 0f}, {1f, 2f, 3f}}));
        SDVariable y = sd.constant("y", Nd4j.createFromArray(new float[][] {{1f, 0f, 0f}, {0f, 0f, 1f}}));
        SDVariable loss = HashOps.crossEntropy(sd, z, y, false).sum("loss");
        sd.setLossVariables(loss);
        INDArray value = sd.output(Map.of(), "loss").get("loss");
        // row 1: -log softmax = log(1 + e^-300 + e^-600) ≈ 0; row 2: log(e^-2 + e^-1 + 1)
        double expected = Math.log(Math.exp(-2) + Math.exp(-1) + 1);
        assertEquals(expected, value.getDouble(0), 1e-5);
        INDArray g = sd.calculateGradients(Map.of(), "z").get("z");
        for (double v : g.castTo(DataType.DOUBLE).data().asDouble()) {
            assertTrue(Double.isFinite(v), g.toString());
        }
        // softmax − y for the first row: (≈0, ≈0, ≈0)
        assertEquals(0, g.getDouble(0, 0), 1e-6);
    }
}
