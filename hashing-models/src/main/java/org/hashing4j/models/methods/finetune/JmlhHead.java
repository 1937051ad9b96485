package org.hashing4j.models.methods.finetune;

import org.hashing4j.models.layers.JmlhOutputLayer;

import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.activations.Activation;

/**
 * JMLH (Shen et al., "Embarrassingly Simple Binary Representation Learning") as a fine-tuning head:
 * backbone features → fc(bits) → stochastic binary neuron → fc(#classes) with cross-entropy plus
 * λ·KL(Bernoulli(p) ‖ Bernoulli(½)) ({@link JmlhOutputLayer}). Codes are the signs of the fc(bits)
 * pre-activations (p ≥ ½). Parameter {@code lambda}: the KL weight (0.1 as in the paper).
 */
public final class JmlhHead implements HashingHead {
    /** The code layer (pre-activations u) and the loss layer this head adds. */
    public static final String CODE = "hash_code";
    public static final String LOSS = "jmlh_loss";

    @Override
    public String name() {
        return "jmlh";
    }

    @Override
    public String displayName() {
        return "JMLH";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of("lambda");
    }

    @Override
    public Attachment attach(TransferLearning.GraphBuilder graph, String input, long nIn, Context c) {
        Object l = c.params().getOrDefault("lambda", 0.1);
        double lambda;
        try {
            lambda = l instanceof Number ? ((Number) l).doubleValue() : Double.parseDouble(l.toString());
        } catch (NumberFormatException e) {
            throw new HashingException("parameter 'lambda' must be a number, got '" + l + "'");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new HashingException("parameter 'lambda' must be >= 0, got " + lambda);
        }
        graph.addLayer(CODE, new DenseLayer.Builder().nIn(nIn).nOut(c.bits()).activation(Activation.IDENTITY)
                .weightInit(WeightInit.XAVIER).updater(c.updater()).build(), input);
        JmlhOutputLayer loss = new JmlhOutputLayer(c.bits(), c.numClasses(), lambda, c.multiLabel());
        loss.setUpdater(c.updater());
        graph.addLayer(LOSS, loss, CODE);
        return new Attachment(CODE, 0.0, List.of(LOSS));
    }
}
