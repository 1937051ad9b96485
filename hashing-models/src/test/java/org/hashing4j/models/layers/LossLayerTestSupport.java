package org.hashing4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Shared checks for the loss layers: a small double-precision graph x → dense(tanh) → codes → loss,
 * the layer's score against a direct ND4J computation, DL4J's finite-difference gradient check, and
 * a JSON round trip of the configuration.
 */
final class LossLayerTestSupport {
    static {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private LossLayerTestSupport() {
    }

    /** Graph: input "x" (d) → "code" dense tanh (bits) → "loss" (the layer under test). */
    static ComputationGraph codeGraph(int d, int bits, Layer loss, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.feedForward(d))
                .addLayer("code", new DenseLayer.Builder().nOut(bits).activation(Activation.TANH).build(), "x")
                .addLayer("loss", loss, "code")
                .setOutputs("loss")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** Graph whose loss layer sits directly on input "h" (bits wide): score = the term at H. */
    static ComputationGraph directGraph(int bits, Layer loss) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .graphBuilder()
                .addInputs("h")
                .setInputTypes(InputType.feedForward(bits))
                .addLayer("loss", loss, "h")
                .setOutputs("loss")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** DL4J's score of the graph on (inputs, labels) — the term's value, divided by nothing more. */
    static double score(ComputationGraph g, INDArray input, INDArray labels) {
        return g.score(new MultiDataSet(new INDArray[] {input}, new INDArray[] {labels}));
    }

    static void assertGradientsMatchFiniteDifferences(ComputationGraph g, INDArray input, INDArray labels) {
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(g)
                .inputs(new INDArray[] {input})
                .labels(new INDArray[] {labels})
                .epsilon(1e-6)
                .maxRelError(1e-5)
                .minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .exitOnFirstError(false));
        assertTrue(ok, "backprop gradient differs from finite differences");
    }

    /** Saves the configuration to JSON, rebuilds it with the same parameters and compares score and output. */
    static void assertJsonRoundTrip(ComputationGraph g, INDArray input, INDArray labels) {
        String json = g.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(g.getConfiguration(), back, "configuration changed in the JSON round trip");
        ComputationGraph g2 = new ComputationGraph(back);
        g2.init(g.params().dup(), true);
        assertEquals(score(g, input, labels), score(g2, input, labels), 1e-12);
        INDArray out1 = g.outputSingle(input);
        INDArray out2 = g2.outputSingle(input);
        assertEquals(out1, out2);
    }

    static INDArray randomSigns(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextBoolean() ? 1 : -1;
            }
        }
        return Nd4j.create(v);
    }

    static INDArray randn(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Nd4j.create(v);
    }
}
