package org.hashing4j.models.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reconstruction loss λ/(2m)‖X − BW − 1c‖²: a linear decoder (weights W, L × D, and bias c, 1 × D)
 * maps the codes given as input (m × L; the binary codes B in UH-BDNN, or any code layer's output)
 * to the feature space, and the labels are the features X (m × D) to reconstruct. The layer's
 * activations are the reconstruction BW + 1c. Parameter keys: {@value #WEIGHT_KEY} and
 * {@value #BIAS_KEY}; W starts Xavier-initialised, c at zero.
 */
public class ReconstructionLoss extends HashingLossLayer {
    public static final String WEIGHT_KEY = "W";
    public static final String BIAS_KEY = "b";

    private long nOut;

    public ReconstructionLoss() {
    }

    /**
     * @param nOut   dimension D of the reconstructed features
     * @param lambda weight of the term (1 in UH-BDNN)
     */
    public ReconstructionLoss(long nOut, double lambda) {
        super(lambda);
        this.nOut = nOut;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    @Override
    public String activationsVertexName() {
        return "reconstruction";
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(WEIGHT_KEY, nIn, nOut);
        params.addBiasParam(BIAS_KEY, 1, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        initWeights((int) nIn, (int) nOut, WeightInit.XAVIER, params.get(WEIGHT_KEY));
        params.get(BIAS_KEY).assign(0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable recon = input.mmul(params.get(WEIGHT_KEY)).add("reconstruction", params.get(BIAS_KEY));
        return sumOfSquares(sd, labels.sub(recon)).mul("reconstructionLoss", weight / 2.0);
    }
}
