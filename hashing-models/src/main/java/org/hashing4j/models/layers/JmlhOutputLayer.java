package org.hashing4j.models.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.hashing4j.models.nets.Layers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;

/**
 * JMLH's training head as one DL4J output layer, so that it can sit on a DL4J backbone in a
 * transfer-learning graph: input u (the code layer's pre-activations, batch × bits), then JMLH's
 * stochastic binary neuron (p = sigmoid(u), b = 1 if p &gt; ε with ε ~ U(0,1) per unit and sample,
 * gradient straight through to p), a linear classifier on b, and the loss
 * Σ_batch [cross-entropy + λ·KL(Bernoulli(p) ‖ Bernoulli(½))] — softmax cross-entropy for
 * single-label data, per-class sigmoid cross-entropy for multi-label data. The neuron and the KL
 * term are the JMLH method's own ({@link StochasticBinaryNeuron}).
 *
 * <p>The loss is a sum over the batch because DL4J divides an output layer's score by the batch
 * size. ε is drawn inside the graph: DL4J runs an output layer's forward pass twice per iteration
 * (activations, then gradients), and the gradient pass uses its own draw consistently, so the
 * gradient is an unbiased one; the reported score comes from the other draw. Activations are the
 * class probabilities of the sampled codes; the codes themselves are read from the layer below
 * (bit = u ≥ 0, i.e. p ≥ ½, JMLH's deterministic test-time rule).
 *
 * <p>Fields are bean properties and there is a no-argument constructor, so DL4J's JSON
 * configuration (and so model files) can hold the layer.
 */
public class JmlhOutputLayer extends SameDiffOutputLayer {
    private long nIn;
    private long nOut;
    private double lambda = 0.1;
    private boolean multiLabel;

    public JmlhOutputLayer() {
    }

    /**
     * @param bits       code length (the input width)
     * @param numClasses classifier outputs
     * @param lambda     weight of the KL term
     * @param multiLabel sigmoid cross-entropy per class instead of softmax cross-entropy
     */
    public JmlhOutputLayer(long bits, long numClasses, double lambda, boolean multiLabel) {
        this.nIn = bits;
        this.nOut = numClasses;
        this.lambda = lambda;
        this.multiLabel = multiLabel;
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    public double getLambda() {
        return lambda;
    }

    public void setLambda(double lambda) {
        this.lambda = lambda;
    }

    public boolean isMultiLabel() {
        return multiLabel;
    }

    public void setMultiLabel(boolean multiLabel) {
        this.multiLabel = multiLabel;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable u, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable p = StochasticBinaryNeuron.probabilities(sd, "p", u);
        SDVariable epsilon = new DistributionUniform(sd, sd.shape(u), 0.0, 1.0, u.dataType()).outputVariable();
        SDVariable codes = StochasticBinaryNeuron.sample(sd, "codes", p, epsilon);
        SDVariable z = codes.mmul(params.get("W")).add(params.get("b"));
        SDVariable y = labels.castTo(u.dataType());
        SDVariable ce;
        if (multiLabel) {
            sd.nn.sigmoid("probabilities", z);
            // Σ_c [softplus(z) − y·z] = Σ_c −[y·log σ(z) + (1−y)·log(1−σ(z))], per sample.
            ce = Layers.softplus(sd, z).sub(y.mul(z)).sum(1);
        } else {
            sd.nn.softmax("probabilities", z, 1);
            ce = HashOps.crossEntropy(sd, z, y, false); // overflow-safe, unlike sd.nn.logSoftmax
        }
        SDVariable kl = StochasticBinaryNeuron.klToFairCoin(sd, "kl", u, p);
        SDVariable loss = ce.add(kl.mul(lambda)).sum("loss");
        // The class probabilities are a second graph output, so SameDiff cannot guess which one is the loss.
        sd.setLossVariables(loss);
        return loss;
    }

    @Override
    public String activationsVertexName() {
        return "probabilities";
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("W", nIn, nOut);
        params.addBiasParam("b", 1, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        new WeightInitXavierUniform().init(nIn, nOut, new long[] {nIn, nOut}, 'c', params.get("W"));
        params.get("b").assign(0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }
}
