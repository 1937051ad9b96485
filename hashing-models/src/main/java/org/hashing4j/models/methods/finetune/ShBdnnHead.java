package org.hashing4j.models.methods.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.layers.BalanceLoss;
import org.hashing4j.models.layers.EqualityLoss;
import org.hashing4j.models.layers.HashingLossLayer;
import org.hashing4j.models.layers.IndependenceLoss;
import org.hashing4j.models.layers.PairwiseSimilarityLoss;
import org.nd4j.linalg.activations.Activation;

/**
 * SH-BDNN's objective (Do et al., ECCV 2016, supervised variant) as a fine-tuning head: a linear
 * code layer H (bits units) on the backbone features, trained with the method's own loss layers
 * ({@code org.hashing4j.models.layers}): the pairwise label term λ5/(2m)‖(1/L)HHᵀ − S‖² (S from the
 * batch's labels), the equality term λ2/(2m)‖H − B‖² with B = sign(H) of the batch before each step
 * (the B step of the alternating optimisation, done per mini-batch), independence λ3 and balance λ4.
 * Codes are sign(H). Weight decay (λ1) is left to the optimiser.
 *
 * <p>Differences from the paper's training, which works on fixed features with full-batch L-BFGS:
 * here the batch-level terms (pairwise, independence, balance) are estimated on mini-batches, and B
 * is refreshed every mini-batch rather than after a network step over the whole set.
 */
public final class ShBdnnHead implements HashingHead {
    public static final String CODE = "hash_code";
    public static final String PAIRWISE = "bdnn_pairwise";
    public static final String EQUALITY = "bdnn_equality";
    public static final String INDEPENDENCE = "bdnn_independence";
    public static final String BALANCE = "bdnn_balance";

    @Override
    public String name() {
        return "sh-bdnn";
    }

    @Override
    public String displayName() {
        return "SH-BDNN";
    }

    /** The weights, named as the SH-BDNN method names them; defaults from the paper/authors' code. */
    @Override
    public Set<String> parameterNames() {
        return Set.of("lambda2", "lambda3", "lambda4", "lambda5");
    }

    @Override
    public Attachment attach(TransferLearning.GraphBuilder graph, String input, long nIn, Context c) {
        double lambda2 = weight(c.params(), "lambda2", 5e-2);
        double lambda3 = weight(c.params(), "lambda3", 1e-2);
        double lambda4 = weight(c.params(), "lambda4", 0.5e-6);
        double lambda5 = weight(c.params(), "lambda5", 1e-2);
        if (lambda5 <= 0) {
            throw new HashingException("parameter 'lambda5' (the pairwise label term) must be > 0 for sh-bdnn");
        }
        graph.addLayer(CODE, new DenseLayer.Builder().nIn(nIn).nOut(c.bits()).activation(Activation.IDENTITY)
                .weightInit(WeightInit.XAVIER).updater(c.updater()).build(), input);
        List<String> outputs = new ArrayList<>();
        graph.addLayer(PAIRWISE, sized(new PairwiseSimilarityLoss(lambda5, PairwiseSimilarityLoss.Mode.EXPLICIT), c), CODE);
        outputs.add(PAIRWISE);
        if (lambda2 > 0) {
            graph.addLayer(EQUALITY, sized(new EqualityLoss(lambda2), c), CODE);
            outputs.add(EQUALITY);
        }
        if (lambda3 > 0) {
            graph.addLayer(INDEPENDENCE, sized(new IndependenceLoss(lambda3), c), CODE);
            outputs.add(INDEPENDENCE);
        }
        if (lambda4 > 0) {
            graph.addLayer(BALANCE, sized(new BalanceLoss(lambda4), c), CODE);
            outputs.add(BALANCE);
        }
        return new Attachment(CODE, 0.0, outputs, lambda2 > 0 ? Set.of(EQUALITY) : Set.of());
    }

    /**
     * The code length set on a loss layer: the transfer-learning builder has no input types to infer it
     * from, and the pairwise and independence terms need L.
     */
    private static HashingLossLayer sized(HashingLossLayer layer, Context c) {
        layer.setNIn(c.bits());
        return layer;
    }

    private static double weight(Map<String, Object> params, String name, double def) {
        Object v = params.get(name);
        if (v == null) {
            return def;
        }
        double d;
        try {
            d = v instanceof Number ? ((Number) v).doubleValue() : Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new HashingException("parameter '" + name + "' must be a number, got '" + v + "'");
        }
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new HashingException("parameter '" + name + "' must be >= 0, got " + v);
        }
        return d;
    }
}
