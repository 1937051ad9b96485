package org.hashing4j.models.methods.jmlh;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.layers.StochasticBinaryNeuron;
import org.hashing4j.models.nets.Layers;
import org.hashing4j.models.training.Batches;
import org.hashing4j.models.training.DeepObjective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * JMLH's head and loss: fc(bits) → stochastic binary neuron (threshold ε fed per batch, drawn from
 * the run's seed) → fc(#classes) → softmax cross-entropy (sigmoid cross-entropy for multi-label
 * data) + λ·KL(Bernoulli(p) ‖ Bernoulli(½)); both terms are means over the batch. Codes: p &gt; 0.5.
 */
final class JmlhObjective extends DeepObjective {
    static final String EPSILON = "epsilon";
    static final String CODE_LOGITS = "code_logits";
    static final String CODE_PROBABILITIES = "code_probabilities";
    static final String CODES = "codes";
    static final String CLASS_LOGITS = "class_logits";
    static final String CLASSIFICATION_LOSS = "classification_loss";
    static final String KL = "kl";
    static final String LOSS = "loss";

    private final double lambda;
    private int bits;

    /** @param lambda weight of the KL term */
    JmlhObjective(double lambda) {
        this.lambda = lambda;
    }

    double lambda() {
        return lambda;
    }

    @Override
    public Head build(HeadBuilder g) {
        if (g.numClasses() < 2 && !g.multiLabel()) {
            throw new HashingException("jmlh needs at least 2 classes in the training labels, got " + g.numClasses());
        }
        SameDiff sd = g.sd();
        bits = g.bits();
        SDVariable epsilon = g.placeholder(EPSILON, -1, bits);
        SDVariable labels = g.labels();
        SDVariable u = Layers.dense(sd, "hash/fc", g.features(), g.featureDimension(), bits, g.init(), Layers.Init.LINEAR);
        u = sd.identity(CODE_LOGITS, u);
        SDVariable p = StochasticBinaryNeuron.probabilities(sd, CODE_PROBABILITIES, u);
        SDVariable b = StochasticBinaryNeuron.sample(sd, CODES, p, epsilon);
        SDVariable z = Layers.dense(sd, "classifier/fc", b, bits, g.numClasses(), g.init(), Layers.Init.LINEAR);
        z = sd.identity(CLASS_LOGITS, z);
        SDVariable ce;
        if (g.multiLabel()) {
            // Σ_c [softplus(z) − y·z] = Σ_c −[y·log σ(z) + (1−y)·log(1−σ(z))], per sample.
            ce = Layers.softplus(sd, z).sub(labels.mul(z)).sum(1);
        } else {
            // the shared, overflow-safe softmax cross-entropy (SameDiff's logSoftmax gives −∞ for an
            // underflowing class and 0·−∞ = NaN)
            ce = HashOps.crossEntropy(sd, z, labels, false);
        }
        SDVariable ceMean = ce.mean(CLASSIFICATION_LOSS);
        SDVariable klMean = StochasticBinaryNeuron.klToFairCoin(sd, "kl_per_sample", u, p).mean(KL);
        SDVariable loss = ceMean.add(LOSS, klMean.mul(lambda));
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put(CLASSIFICATION_LOSS, ceMean);
        terms.put(KL, klMean);
        return new Head(loss, terms, Encoding.above(p, 0.5));
    }

    @Override
    public Map<String, INDArray> feed(Batch batch) {
        return Map.of(EPSILON, Batches.uniformNoise(batch.size(), bits, batch.random()));
    }
}
