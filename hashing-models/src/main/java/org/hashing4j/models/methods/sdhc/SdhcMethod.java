package org.hashing4j.models.methods.sdhc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SDH-C (METHODS-DEEP.md §1.12): v = tanh(W·f + c), z = W_c·v + c_c,
 * L = λ0·J1 − λ1·J2 + α·CE(z, y) + λ2·J3 with J1 = mean (v − sign v)², J2 = (1/(2K))·Σ_i ‖v_i‖²
 * (summed over the batch, not divided by n, as FIRe), J3 = mean_{k,k'} ((WᵀW)_{kk'} − I_{kk'})².
 * J3 is the DH paper's orthogonality ‖WᵀW − I‖: FIRe compares with an all-ones matrix, which looks
 * like a slip (it rewards identical hash vectors), so we follow the paper. Single-label only (FIRe
 * takes the labels' argmax). Codes sign(v).
 *
 * <p>Parameters: {@code lambda0}, {@code lambda1}, {@code lambda2} (default 1e-3 each) and
 * {@code alpha} (CE weight, default 1) — FIRe's {@code sdhc.yaml}; shared settings default to
 * FIRe's global ones.
 */
public final class SdhcMethod extends DeepHashingMethod {
    static final MethodParameter<Double> LAMBDA0 = MethodParameter.real("lambda0", 1e-3, "weight of the quantisation J1");
    static final MethodParameter<Double> LAMBDA1 = MethodParameter.real("lambda1", 1e-3, "weight of the variance J2");
    static final MethodParameter<Double> LAMBDA2 = MethodParameter.real("lambda2", 1e-3,
            "weight of the orthogonality J3");
    static final MethodParameter<Double> ALPHA = MethodParameter.real("alpha", 1, "weight of the cross-entropy");

    /** The method, as the registry builds it. */
    public SdhcMethod() {
        super(new Declaration("sdh-c", "SDH-C", true,
                "Liong, Lu, Wang, Moulin, Zhou, \"Deep Hashing for Compact Binary Codes Learning\", CVPR 2015, with a classifier as FIRe's sdhc",
                List.of(LAMBDA0, LAMBDA1, LAMBDA2, ALPHA),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new Objective(positive(LAMBDA0, config, true), positive(LAMBDA1, config, true),
                positive(LAMBDA2, config, true), positive(ALPHA, config, true));
    }

    /** The head and loss. */
    static final class Objective extends DeepObjective {
        private final double lambda0;
        private final double lambda1;
        private final double lambda2;
        private final double alpha;

        Objective(double lambda0, double lambda1, double lambda2, double alpha) {
            this.lambda0 = lambda0;
            this.lambda1 = lambda1;
            this.lambda2 = lambda2;
            this.alpha = alpha;
        }

        @Override
        public Head build(HeadBuilder g) {
            if (g.multiLabel()) {
                throw new HashingException("sdh-c is single-label only (its classification term takes one class per item)");
            }
            SameDiff sd = g.sd();
            int k = g.bits();
            SDVariable pre = g.dense("hash/fc", g.features(), g.featureDimension(), k);
            SDVariable v = sd.math.tanh("code_logits", pre);
            SDVariable w = sd.getVariable("hash/fc/W");
            SDVariable z = g.dense("classifier/fc", v, k, g.numClasses());
            SDVariable j1 = HashOps.quantization(sd, v);
            SDVariable j2 = v.mul(v).sum().div(2.0 * k);
            SDVariable gram = sd.mmul(w, w, true, false, false).sub(g.constant("identity", Nd4j.eye(k)));
            SDVariable j3 = gram.mul(gram).mean();
            SDVariable ce = HashOps.crossEntropy(sd, z, g.labels(), false).mean();
            SDVariable loss = j1.mul(lambda0).sub(j2.mul(lambda1)).add(ce.mul(alpha)).add("loss", j3.mul(lambda2));
            Map<String, SDVariable> terms = new LinkedHashMap<>();
            terms.put("classification_loss", ce);
            terms.put("quantization", j1);
            terms.put("variance", j2);
            terms.put("orthogonality", j3);
            return new Head(loss, terms, Encoding.sign(v));
        }
    }
}
