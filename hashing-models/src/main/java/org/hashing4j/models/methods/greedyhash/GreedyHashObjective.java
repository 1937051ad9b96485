package org.hashing4j.models.methods.greedyhash;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepObjective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GreedyHash's head and loss (METHODS-DEEP.md §1.1 and §2.1). u = W·f + c (W ~ N(0, 0.01²), as FIRe,
 * so that the cubic term does not explode at the start); b = SignHash(u).
 * <ul>
 *   <li>supervised: L = CE(W_c·b + c_c, y) + α·mean | |u| − 1 |^p (label-smoothing CE for multi-label);</li>
 *   <li>unsupervised: sample i of the batch's first half is paired with sample i + n/2, and
 *       L = mean (cos(b_i, b_j) − cos(f_i, f_j))² + α·mean | |u| − 1 |^p, the feature cosine a constant
 *       (an odd batch's last sample has no partner).</li>
 * </ul>
 * Codes: sign(u).
 */
final class GreedyHashObjective extends DeepObjective {
    static final String CODE_LOGITS = "code_logits";

    private final boolean supervised;
    private final double alpha;
    private final double power;

    GreedyHashObjective(boolean supervised, double alpha, double power) {
        this.supervised = supervised;
        this.alpha = alpha;
        this.power = power;
    }

    @Override
    public Head build(HeadBuilder g) {
        SameDiff sd = g.sd();
        SDVariable u = sd.identity(CODE_LOGITS, g.denseNormal("hash/fc", g.features(), g.featureDimension(), g.bits(), 0.01));
        SDVariable b = HashOps.signStraightThrough(sd, "codes", u);
        SDVariable penalty = HashOps.magnitudePenalty(sd, u, power);
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        SDVariable main;
        if (supervised) {
            SDVariable z = g.dense("classifier/fc", b, g.bits(), g.numClasses());
            main = HashOps.crossEntropy(sd, z, g.labels(), g.multiLabel()).mean();
            terms.put("classification_loss", main);
        } else {
            // Selection matrices (n/2 × n) fed per batch pick the two halves; they keep the graph free of
            // dynamic slicing and let an odd batch drop its last sample.
            SDVariable first = g.placeholder(HashOps.PAIR_FIRST, -1, -1);
            SDVariable second = g.placeholder(HashOps.PAIR_SECOND, -1, -1);
            SDVariable f = HashOps.stopGradient(sd, g.features());
            SDVariable codeCos = HashOps.rowCosine(sd, first.mmul(b), second.mmul(b));
            SDVariable featureCos = HashOps.rowCosine(sd, first.mmul(f), second.mmul(f));
            SDVariable diff = codeCos.sub(featureCos);
            main = diff.mul(diff).mean();
            terms.put("similarity_loss", main);
        }
        SDVariable weighted = penalty.mul(alpha);
        terms.put("magnitude_penalty", penalty);
        return new Head(main.add("loss", weighted), terms, Encoding.sign(u));
    }

    @Override
    public Map<String, INDArray> feed(Batch batch) {
        if (supervised) {
            return Map.of();
        }
        return HashOps.pairSelectors(batch.size());
    }
}
