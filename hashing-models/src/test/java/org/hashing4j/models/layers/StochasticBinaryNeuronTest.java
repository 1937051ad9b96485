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

class StochasticBinaryNeuronTest {
    private static final float[] U = {-3f, -0.4f, 0f, 0.2f, 1.5f, 8f};
    private static final float[] EPS = {0.01f, 0.5f, 0.5f, 0.6f, 0.7f, 0.99f};

    /** A graph u (variable) → p → b with ε a placeholder, and loss Σ b·w for a fixed weight w. */
    private static final class Graph {
        final SameDiff sd = SameDiff.create();
        final SDVariable u = sd.var("u", Nd4j.create(U, new long[] {2, 3}, 'c'));
        final SDVariable eps = sd.placeHolder("eps", DataType.FLOAT, -1, 3);
        final SDVariable p = StochasticBinaryNeuron.probabilities(sd, "p", u);
        final SDVariable b = StochasticBinaryNeuron.sample(sd, "b", p, eps);
        final SDVariable kl = StochasticBinaryNeuron.klToFairCoin(sd, "kl", u, p);
        final INDArray w = Nd4j.create(new float[] {0.5f, -1f, 2f, 3f, -0.25f, 1f}, new long[] {2, 3}, 'c');
        final SDVariable loss = b.mul(sd.constant("w", w)).sum("loss");

        Graph() {
            sd.setLossVariables(loss);
        }

        Map<String, INDArray> run(float[] epsilon, String... names) {
            return sd.output(Map.of("eps", Nd4j.create(epsilon, new long[] {2, 3}, 'c')), names);
        }
    }

    private static double sigmoid(double u) {
        return 1 / (1 + Math.exp(-u));
    }

    @Test
    void trainingForwardIsOneWhereProbabilityExceedsNoise() {
        Graph g = new Graph();
        INDArray b = g.run(EPS, "b").get("b");
        for (int i = 0; i < U.length; i++) {
            double expected = sigmoid(U[i]) > EPS[i] ? 1 : 0;
            assertEquals(expected, b.getDouble(i / 3, i % 3), 1e-6, "unit " + i);
        }
        // u = 0 gives p = 0.5 exactly; with ε = 0.5 the strict "p > ε" gives 0.
        assertEquals(0.0, b.getDouble(0, 2), 1e-6);
    }

    @Test
    void inferenceUsesHalfAsThreshold() {
        Graph g = new Graph();
        float[] half = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
        INDArray b = g.run(half, "b").get("b");
        for (int i = 0; i < U.length; i++) {
            assertEquals(U[i] > 0 ? 1.0 : 0.0, b.getDouble(i / 3, i % 3), 1e-6, "unit " + i);
        }
    }

    @Test
    void gradientPassesStraightThroughToTheProbability() {
        Graph g = new Graph();
        Map<String, INDArray> grads = g.sd.calculateGradients(Map.of("eps", Nd4j.create(EPS, new long[] {2, 3}, 'c')), "u");
        INDArray du = grads.get("u");
        for (int i = 0; i < U.length; i++) {
            double p = sigmoid(U[i]);
            // ∂L/∂b = w (L = Σ b·w), and ∂L/∂u = p(1 − p)·∂L/∂b.
            double expected = p * (1 - p) * g.w.getDouble(i / 3, i % 3);
            assertEquals(expected, du.getDouble(i / 3, i % 3), 1e-6, "unit " + i);
        }
    }

    @Test
    void klMatchesTheClosedForm() {
        Graph g = new Graph();
        INDArray kl = g.run(EPS, "kl").get("kl");
        assertEquals(2, kl.length());
        for (int row = 0; row < 2; row++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                double p = sigmoid(U[row * 3 + j]);
                expected += p * Math.log(2 * p) + (1 - p) * Math.log(2 * (1 - p));
            }
            assertEquals(expected, kl.getDouble(row), 1e-5, "row " + row);
        }
    }

    @Test
    void klStaysFiniteForSaturatedUnits() {
        SameDiff sd = SameDiff.create();
        SDVariable u = sd.var("u", Nd4j.create(new float[] {-200f, 0f, 200f}, new long[] {1, 3}, 'c'));
        SDVariable p = StochasticBinaryNeuron.probabilities(sd, "p", u);
        SDVariable kl = StochasticBinaryNeuron.klToFairCoin(sd, "kl", u, p);
        double v = sd.output(Map.of(), "kl").get("kl").getDouble(0);
        assertTrue(Double.isFinite(v));
        assertEquals(2 * Math.log(2), v, 1e-5); // the two saturated bits each give log 2, the centred one 0
        sd.setLossVariables(kl.sum("s"));
        INDArray du = sd.calculateGradients(Map.of(), "u").get("u");
        for (int j = 0; j < 3; j++) {
            assertTrue(Double.isFinite(du.getDouble(0, j)), "finite gradient for unit " + j);
        }
    }
}
