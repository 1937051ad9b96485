package org.hashing4j.models.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The stable softplus: its value, and its derivative σ(x) everywhere, the kink points of its parts included. */
class LayersTest {
    @Test
    void softplusHasTheExactValueAndDerivativeIncludingAtZero() {
        double[] xs = {-800, -30, -1, -1e-9, 0, 1e-9, 1, 30, 800};
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.create(xs));
        SDVariable y = Layers.softplus(sd, x);
        sd.setLossVariables(y.sum());
        INDArray value = y.eval();
        INDArray grad = sd.calculateGradients(Map.of(), List.of("x")).get("x");
        for (int i = 0; i < xs.length; i++) {
            double t = xs[i];
            double expected = Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
            assertEquals(expected, value.getDouble(i), 1e-12 * (1 + expected), "softplus(" + t + ")");
            assertEquals(1 / (1 + Math.exp(-t)), grad.getDouble(i), 1e-12, "softplus'(" + t + ")");
        }
    }
}
