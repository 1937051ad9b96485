package org.hashing4j.models.layers;

import static org.hashing4j.models.layers.LossLayerTestSupport.*;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The corrected backward pass of {@link HashingLambdaLayer}: a smooth lambda layer (tanh, then a
 * scale) passes DL4J's finite-difference gradient check. A plain SameDiffLambdaLayer with the same
 * graph fails it in DL4J 1.0.0-M2.1 (its gradients come out doubled).
 */
class HashingLambdaLayerTest {
    /** A smooth parameter-free layer, so finite differences apply. */
    public static class ScaledTanh extends HashingLambdaLayer {
        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable x) {
            return sd.math.tanh(x).mul(1.5);
        }
    }

    @Test
    void smoothLambdaLayerPassesTheGradientCheck() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.feedForward(5))
                .addLayer("code", new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(), "x")
                .addLayer("tanh", new ScaledTanh(), "code")
                .addLayer("loss", new EqualityLoss(1.0), "tanh")
                .setOutputs("loss")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray x = randn(6, 5, 1);
        INDArray t = randn(6, 4, 2);
        assertGradientsMatchFiniteDifferences(g, x, t);
        assertJsonRoundTrip(g, x, t);
    }
}
