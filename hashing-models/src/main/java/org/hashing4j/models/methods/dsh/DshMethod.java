package org.hashing4j.models.methods.dsh;

import java.util.List;
import java.util.Map;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DSH of Liu et al. (METHODS-DEEP.md §1.4, the authors' batch form): u linear, d_ij = ‖u_i − u_j‖²,
 * L = 1/(n(n−1)) Σ_{i&lt;j} [s_ij·d_ij + (1 − s_ij)·max(m − d_ij, 0)] + (α/n) Σ_i Σ_k | |u_ik| − 1 |,
 * margin m = 2K (a Hamming margin of K/2). Codes sign(u). Single- and multi-label (s = sharing a label).
 *
 * <p>Parameters: {@code alpha} (default 0.01, the authors'), {@code margin} (default 0 = 2K); shared
 * settings default to the authors': SGD, momentum 0.9, lr 1e-3, weight decay 4e-3, batch 200.
 */
public final class DshMethod extends DeepHashingMethod {
    static final MethodParameter<Double> ALPHA = MethodParameter.real("alpha", 0.01,
            "weight of the |u| = 1 regulariser (the authors')");
    static final MethodParameter<Double> MARGIN = MethodParameter.real("margin", 0,
            "margin of dissimilar pairs' squared distance (0: 2K, a Hamming margin of K/2)");

    /** The method, as the registry builds it. */
    public DshMethod() {
        super(new Declaration("dsh", "DSH", true,
                "Liu, Wang, Shan, Chen, \"Deep Supervised Hashing for Fast Image Retrieval\", CVPR 2016",
                List.of(ALPHA, MARGIN),
                DeepSettings.Defaults.sgd(50, 200, 1e-3, 4e-3, "step")));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        double alpha = positive(ALPHA, config, true);
        double margin = positive(MARGIN, config, true);
        return new Objective(alpha, margin > 0 ? margin : 2.0 * config.bits());
    }

    /** The head and loss. */
    static final class Objective extends DeepObjective {
        static final String PAIR_WEIGHT = "pair_weight";
        private final double alpha;
        private final double margin;

        Objective(double alpha, double margin) {
            this.alpha = alpha;
            this.margin = margin;
        }

        /** Records the margin in use in place of the parameter as set: 2K when it is 0. */
        @Override
        public Map<String, Object> settings() {
            return Map.of("margin", margin);
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            SDVariable pairWeight = g.placeholder(PAIR_WEIGHT, 1, 1);
            SDVariable u = g.hashLayer();
            SDVariable s = HashOps.labelSimilarity(sd, g.labels(), g.labels());
            SDVariable sq = u.mul(u).sum(1);
            SDVariable d = sd.expandDims(sq, 1).add(sd.expandDims(sq, 0)).sub(sd.mmul(u, u, false, true, false).mul(2.0));
            // Σ over all ordered pairs is twice Σ_{i<j}; the diagonal adds 0 (d_ii = 0 and s_ii = 1).
            SDVariable pairs = s.mul(d).add(s.rsub(1.0).mul(sd.nn.relu(d.rsub(margin), 0)));
            SDVariable contrastive = pairs.sum().mul(pairWeight);
            SDVariable regulariser = sd.math.abs(sd.math.abs(u).sub(1.0)).sum(1).mean();
            return Head.weighted("contrastive", contrastive, "regulariser", regulariser, alpha, u);
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            int n = batch.size();
            return Map.of(PAIR_WEIGHT, Nd4j.createFromArray(new float[][] {{(float) (1.0 / (2.0 * Math.max(1, n * (n - 1))))}}));
        }
    }
}
