package org.hashing4j.models.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of loss layers that need no labels (independence, balance). In DL4J 1.0.0-M2.1 a
 * SameDiffOutputLayer with {@code labelsRequired() == false} still hands a "labels" placeholder to
 * every gradient computation, and SameDiff fails on an undeclared or null placeholder. So the graph
 * declares an unused "labels" placeholder and the runtime layer feeds it a 1 × 1 dummy when the
 * caller gave no labels (a graph output with {@code null} labels).
 */
public abstract class LabelFreeLossLayer extends HashingLossLayer {
    protected LabelFreeLossLayer() {
    }

    protected LabelFreeLossLayer(double weight) {
        super(weight);
    }

    @Override
    public boolean labelsRequired() {
        return false;
    }

    @Override
    public final SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        if (!sd.hasVariable("labels")) {
            sd.placeHolder("labels", input.dataType(), -1, -1);
        }
        return defineLoss(sd, input);
    }

    /** The loss of a batch of codes (m × L), already multiplied by m where the term is not a sum over samples. */
    protected abstract SDVariable defineLoss(SameDiff sd, SDVariable codes);

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        Runtime layer = new Runtime(conf, networkDataType);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** The DL4J runtime layer, feeding a dummy to the unused labels placeholder during backprop. */
    static final class Runtime extends org.deeplearning4j.nn.layers.samediff.SameDiffOutputLayer {
        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            boolean dummy = labels == null;
            if (dummy) {
                labels = Nd4j.zeros(input.dataType(), 1, 1);
            }
            try {
                return super.backpropGradient(epsilon, workspaceMgr);
            } finally {
                if (dummy) {
                    labels = null;
                }
            }
        }
    }
}
