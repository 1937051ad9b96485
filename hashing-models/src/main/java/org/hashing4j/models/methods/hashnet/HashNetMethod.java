package org.hashing4j.models.methods.hashnet;

import java.util.LinkedHashMap;
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
 * HashNet (METHODS-DEEP.md §1.2, FIRe's form): h = tanh(β·u), θ_ij = α·⟨h_i, h_j⟩ over the batch's
 * n×n pairs (diagonal included), ℓ_ij = softplus(θ_ij) − s_ij·θ_ij, and
 * L = mean over similar pairs of ℓ + mean over dissimilar pairs of ℓ (a term with no pairs drops
 * out) — the paper's weighting |S|/|S1|, |S|/|S0| in its simpler equal form. Continuation:
 * β = √(1 + ⌊epoch/step⌋), epoch 0-based. Codes sign(u). Single- and multi-label.
 *
 * <p>Parameters: {@code alpha} (default 1, FIRe; the official code uses 10/K), {@code step_continuation}
 * (epochs per β step, default 20); shared settings default to FIRe's global ones.
 */
public final class HashNetMethod extends DeepHashingMethod {
    static final MethodParameter<Double> ALPHA = MethodParameter.real("alpha", 1,
            "scale of the inner products (FIRe; the official code uses 10/K)");
    static final MethodParameter<Integer> STEP_CONTINUATION = MethodParameter.integer("step_continuation", 20,
            "epochs per step of the continuation slope beta");

    /** The method, as the registry builds it. */
    public HashNetMethod() {
        super(new Declaration("hashnet", "HashNet", true,
                "Cao, Long, Wang, Yu, \"HashNet: Deep Learning to Hash by Continuation\", ICCV 2017",
                List.of(ALPHA, STEP_CONTINUATION),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        double alpha = positive(ALPHA, config, false);
        int step = range(STEP_CONTINUATION, config, 1, Integer.MAX_VALUE);
        return new Objective(alpha, step);
    }

    /** The head and loss. */
    static final class Objective extends DeepObjective {
        static final String BETA = "beta";
        private final double alpha;
        private final int step;

        Objective(double alpha, int step) {
            this.alpha = alpha;
            this.step = step;
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            SDVariable beta = g.placeholder(BETA, 1, 1);
            SDVariable u = g.hashLayer();
            SDVariable h = sd.math.tanh(u.mul(beta));
            SDVariable s = HashOps.labelSimilarity(sd, g.labels(), g.labels());
            SDVariable theta = sd.mmul(h, h, false, true, false).mul(alpha);
            SDVariable l = HashOps.softplus(sd, theta).sub(s.mul(theta));
            SDVariable d = s.rsub(1.0);
            // A pair set that is empty gives 0/ε = 0, which drops its term as the paper says.
            SDVariable similar = s.mul(l).sum().div(s.sum().add(1e-12));
            SDVariable dissimilar = d.mul(l).sum().div(d.sum().add(1e-12));
            SDVariable loss = similar.add("loss", dissimilar);
            Map<String, SDVariable> terms = new LinkedHashMap<>();
            terms.put("similar_pairs", similar);
            terms.put("dissimilar_pairs", dissimilar);
            return new Head(loss, terms, Encoding.sign(u));
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            return Map.of(BETA, Nd4j.createFromArray(new float[][] {{(float) beta(batch.epoch())}}));
        }

        double beta(int epoch) {
            return Math.sqrt(1 + epoch / step);
        }
    }
}
