package org.hashing4j.models.methods.sdhc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepObjective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SDH-C's head and loss (METHODS-DEEP.md §1.12): v = tanh(W·f + c), z = W_c·v + c_c,
 * L = λ0·J1 − λ1·J2 + α·CE(z, y) + λ2·J3 with
 * <ul>
 *   <li>J1 = mean_{i,k} (v_ik − sign v_ik)² (quantisation);</li>
 *   <li>J2 = (1/(2K)) Σ_{i ∈ batch} ‖v_i‖² (bit variance, maximised; summed over the batch, as FIRe);</li>
 *   <li>J3 = mean_{k,k'} ((WᵀW)_{kk'} − T_{kk'})², T = I (the paper) or all ones (FIRe); W is D × K here,
 *       so WᵀW is FIRe's W Wᵀ;</li>
 *   <li>CE: softmax cross-entropy; FIRe takes the argmax of multi-label rows, here they get the
 *       label-smoothing CE every other method uses.</li>
 * </ul>
 * Codes: sign(v).
 */
final class SdhcObjective extends DeepObjective {
    private final double lambda0;
    private final double lambda1;
    private final double lambda2;
    private final double alpha;
    private final boolean onesTarget;

    SdhcObjective(double lambda0, double lambda1, double lambda2, double alpha, boolean onesTarget) {
        this.lambda0 = lambda0;
        this.lambda1 = lambda1;
        this.lambda2 = lambda2;
        this.alpha = alpha;
        this.onesTarget = onesTarget;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda0", lambda0);
        m.put("lambda1", lambda1);
        m.put("lambda2", lambda2);
        m.put("alpha", alpha);
        m.put("orthogonality_target", onesTarget ? "ones" : "identity");
        return m;
    }

    @Override
    public Head build(HeadBuilder g) {
        SameDiff sd = g.sd();
        int k = g.bits();
        SDVariable w = g.variable("hash/fc/W", g.init().glorotUniform(g.featureDimension(), k, g.featureDimension(), k));
        SDVariable c = g.variable("hash/fc/b", g.init().zeros(k));
        SDVariable v = sd.math.tanh("codes", sd.nn.linear(g.features(), w, c));
        SDVariable z = g.dense("classifier/fc", v, k, g.numClasses());
        SDVariable ce = HashOps.crossEntropy(sd, z, g.labels(), g.multiLabel()).mean();
        SDVariable gap = v.sub(HashOps.stopGradient(sd, sd.math.sign(v)));
        SDVariable quantization = gap.mul(gap).mean();
        SDVariable variance = v.mul(v).sum().div(2.0 * k);
        SDVariable target = g.constant("orthogonality_target", onesTarget ? Nd4j.ones(k, k) : Nd4j.eye(k));
        SDVariable off = sd.mmul(w, w, true, false, false).sub(target);
        SDVariable orthogonality = off.mul(off).mean();
        SDVariable loss = quantization.mul(lambda0).sub(variance.mul(lambda1)).add(ce.mul(alpha))
                .add(orthogonality.mul(lambda2));
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put("classification_loss", ce);
        terms.put("quantization", quantization);
        terms.put("variance", variance);
        terms.put("orthogonality", orthogonality);
        return new Head(sd.identity("loss", loss), terms, Encoding.sign(v));
    }
}
