package org.hashing4j.models.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of the parameter-free SameDiff layers (a {@link SameDiffLambdaLayer} in the configuration)
 * with a corrected backward pass.
 *
 * <p>Why: in DL4J 1.0.0-M2.1 a SameDiffLayer's backward pass feeds the incoming gradient through an
 * {@code ExternalErrorsFunction}, and SameDiff's gradient graph then adds that gradient to itself
 * ({@code add[out-grad, out-grad]}), so every gradient leaving the layer is twice the true one (seen
 * here with a plain tanh lambda layer failing DL4J's own finite-difference gradient check). The
 * runtime layer below keeps DL4J's forward pass and computes the backward pass from a separate
 * graph whose loss is sum(output ⊙ ε), whose gradient with respect to the input is exactly Jᵀε.
 */
public abstract class HashingLambdaLayer extends SameDiffLambdaLayer {
    protected HashingLambdaLayer() {
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        Runtime layer = new Runtime(conf, networkDataType);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** DL4J's SameDiff layer with the backward pass computed as the gradient of sum(output ⊙ ε). */
    static final class Runtime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {
        private static final String INPUT = "input";
        private static final String EPSILON = "epsilon";
        private SameDiff backward;

        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray dLdIn;
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                if (backward == null) {
                    backward = buildBackward(epsilon.rank());
                }
                dLdIn = backward.calculateGradients(Map.of(INPUT, input, EPSILON, epsilon), INPUT).get(INPUT);
            }
            return new Pair<>(new DefaultGradient(), workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dLdIn));
        }

        private SameDiff buildBackward(int outputRank) {
            SameDiff sd = SameDiff.create();
            long[] inShape = input.shape().clone();
            inShape[0] = -1;
            long[] outShape = new long[outputRank];
            java.util.Arrays.fill(outShape, -1);
            SDVariable in = sd.placeHolder(INPUT, dataType, inShape);
            SDVariable eps = sd.placeHolder(EPSILON, dataType, outShape);
            SDVariable out = ((SameDiffLambdaLayer) layerConf()).defineLayer(sd, in);
            sd.setLossVariables(sd.sum(out.mul(eps)));
            // The input is a placeholder, not a trainable variable: name it as needing a gradient.
            sd.createGradFunction(INPUT);
            return sd;
        }
    }
}
