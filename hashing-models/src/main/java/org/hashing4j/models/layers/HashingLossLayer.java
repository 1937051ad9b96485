package org.hashing4j.models.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Common base of the parameter-free hashing loss layers: a weight (the λ in front of the term), the
 * code length taken from the input, and activations equal to the input codes.
 *
 * <p>Fields are plain bean properties so that DL4J's JSON configuration (Jackson) writes and reads
 * them; every subclass keeps a public no-argument constructor for the same reason.
 */
public abstract class HashingLossLayer extends SameDiffOutputLayer {
    /** The λ that multiplies this term. */
    protected double weight = 1.0;
    /** Code length L (the width of the input), set by DL4J from the input type. */
    protected long nIn;

    protected HashingLossLayer() {
    }

    protected HashingLossLayer(double weight) {
        this.weight = weight;
    }

    public double getWeight() {
        return weight;
    }

    public void setWeight(double weight) {
        this.weight = weight;
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    @Override
    public String activationsVertexName() {
        return "input";
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // no trainable parameters
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // no trainable parameters
    }

    /** The batch size m as a scalar of the input's data type. */
    protected static SDVariable batchSize(SameDiff sd, SDVariable input) {
        return sd.sizeAt(input, 0).castTo(input.dataType());
    }

    /** Sum of squares of all elements. */
    protected static SDVariable sumOfSquares(SameDiff sd, SDVariable x) {
        return sd.sum(x.mul(x));
    }
}
