package org.hashing4j.models.layers;

import static org.hashing4j.models.layers.LossLayerTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** Binary layer: exact ±1 forward (0 → +1), straight-through backward, JSON round trip. */
class BinaryLayerTest {
    private static final int M = 6;
    private static final int BITS = 4;

    private static ComputationGraph graph(boolean binary, double lambda, long seed) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.feedForward(5))
                .addLayer("code", new DenseLayer.Builder().nOut(BITS).activation(Activation.IDENTITY).build(), "x");
        if (binary) {
            b.addLayer("binary", new BinaryLayer(), "code").addLayer("loss", new EqualityLoss(lambda), "binary");
        } else {
            b.addLayer("loss", new EqualityLoss(lambda), "code");
        }
        ComputationGraph g = new ComputationGraph(b.setOutputs("loss").build());
        g.init();
        return g;
    }

    @Test
    void forwardIsExactlyPlusMinusOneWithZeroMappedToPlusOne() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new BinaryLayer())
                .setInputType(InputType.feedForward(5))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.create(new double[][] {{-2.5, -1e-300, 0.0, 1e-300, 3e20}, {1e20, -1e20, 0.5, -0.5, 1.0}});
        INDArray expected = Nd4j.create(new double[][] {{-1, -1, 1, 1, 1}, {1, -1, 1, -1, 1}});
        assertEquals(expected, net.output(x));

        MultiLayerNetwork back = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.toJson()));
        back.init();
        assertEquals(conf, back.getLayerWiseConfigurations());
        assertEquals(expected, back.output(x));
    }

    /**
     * Straight-through: with the binary layer, the gradient of λ/2‖sign(XW+c) − T‖² with respect to
     * W and c is (sign(XW+c) − T)·∂(XW+c)/∂θ. That is exactly the (finite-difference-checked)
     * gradient of the same graph without the binary layer and the target shifted to
     * T − sign(Z0) + Z0, at the same parameters.
     */
    @Test
    void backwardPassesTheGradientStraightThrough() {
        ComputationGraph withBinary = graph(true, 0.7, 31);
        ComputationGraph plain = graph(false, 0.7, 31);
        plain.setParams(withBinary.params().dup());
        INDArray x = randn(M, 5, 32);
        INDArray t = randomSigns(M, BITS, 33);
        INDArray z = plain.feedForward(x, false).get("code");
        INDArray signs = z.gte(0.0).castTo(DataType.DOUBLE).muli(2).subi(1);
        INDArray shifted = t.sub(signs).addi(z);

        withBinary.setInputs(x);
        withBinary.setLabels(t);
        withBinary.computeGradientAndScore();
        INDArray straightThrough = withBinary.gradient().gradient().dup();

        assertGradientsMatchFiniteDifferences(plain, x, shifted);
        plain.setInputs(x);
        plain.setLabels(shifted);
        plain.computeGradientAndScore();
        INDArray reference = plain.gradient().gradient();
        assertEquals(0.0, straightThrough.sub(reference).norm2Number().doubleValue(), 1e-12);
        assertEquals(0.7 / 2 * signs.sub(t).norm2Number().doubleValue() * signs.sub(t).norm2Number().doubleValue() / M,
                withBinary.score(new MultiDataSet(new INDArray[] {x}, new INDArray[] {t})), 1e-12);

        ComputationGraph back = new ComputationGraph(ComputationGraphConfiguration.fromJson(withBinary.getConfiguration().toJson()));
        back.init(withBinary.params().dup(), true);
        assertEquals(withBinary.outputSingle(x), back.outputSingle(x));
    }
}
