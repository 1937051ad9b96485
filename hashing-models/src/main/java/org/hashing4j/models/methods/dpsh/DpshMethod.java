package org.hashing4j.models.methods.dpsh;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.CodeBank;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DPSH (METHODS-DEEP.md §1.3, FIRe's form): u linear; a bank U (N×K, detached, zeros at the start:
 * the shared {@link CodeBank}) holds every training item's latest u, the batch's rows overwritten by the current u before the
 * loss; Θ_ij = ½⟨u_i, U_j⟩ over batch × N, ℓ = softplus(Θ) − s·Θ, and
 * L = mean over similar pairs of ℓ + mean over dissimilar pairs of ℓ + α·mean (u − sign u)².
 * Gradients flow through the batch side only. Codes sign(u).
 *
 * <p>The bank is the method's state (saved in checkpoints). Per batch it costs an n×N selection and
 * an n×N similarity matrix (64 × 60,000 floats ≈ 15 MB each).
 *
 * <p>Parameters: {@code alpha} (quantisation weight, default 0.1: FIRe and DeepHash-pytorch); shared
 * settings default to FIRe's global ones.
 */
public final class DpshMethod extends DeepHashingMethod {
    static final MethodParameter<Double> ALPHA = MethodParameter.real("alpha", 0.1,
            "quantisation weight (FIRe, DeepHash-pytorch)");

    /** The method, as the registry builds it. */
    public DpshMethod() {
        super(new Declaration("dpsh", "DPSH", true,
                "Li, Wang, Kang, \"Feature Learning based Deep Supervised Hashing with Pairwise Labels\" (DPSH), IJCAI 2016",
                List.of(ALPHA),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new Objective(positive(ALPHA, config, true));
    }

    /** The head, the loss and the bank ({@link CodeBank}). */
    static final class Objective extends DeepObjective {
        static final String BANK = CodeBank.BANK;
        static final String CODE_LOGITS = "code_logits";
        private final double alpha;
        private int bits;
        private CodeBank bank;

        Objective(double alpha) {
            this.alpha = alpha;
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            bits = g.bits();
            SDVariable s = CodeBank.similarity(g);
            SDVariable u = sd.identity(CODE_LOGITS, g.dense("hash/fc", g.features(), g.featureDimension(), bits));
            // The bank with the batch's rows replaced by the current (detached) outputs.
            SDVariable theta = sd.mmul(u, CodeBank.effective(g, u, bits), false, true, false).mul(0.5);
            SDVariable l = HashOps.softplus(sd, theta).sub(s.mul(theta));
            SDVariable d = s.rsub(1.0);
            SDVariable likelihood = s.mul(l).sum().div(s.sum().add(1e-12)).add(d.mul(l).sum().div(d.sum().add(1e-12)));
            SDVariable quantization = HashOps.quantization(sd, u);
            return Head.weighted("likelihood", likelihood, "quantization", quantization, alpha, u);
        }

        @Override
        public void bind(FeatureSet data, int[] items) {
            data.requireLabels("dpsh");
            bank = new CodeBank(bits);
            bank.bind(data, items);
        }

        @Override
        public void prepare(SplittableRandom random) {
            bank.reset();
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            return bank.feed(batch.items());
        }

        @Override
        public List<String> observedOutputs() {
            return List.of(CODE_LOGITS);
        }

        @Override
        public void observe(Batch batch, Map<String, INDArray> outputs) {
            bank.update(batch.items(), outputs.get(CODE_LOGITS));
        }

        @Override
        public Map<String, INDArray> state() {
            return bank == null || !bank.ready() ? Map.of() : Map.of(BANK, bank.toArray());
        }

        @Override
        public Map<String, INDArray> modelState() {
            return Map.of();
        }

        @Override
        public void restoreState(Map<String, INDArray> state, String source) {
            INDArray b = state.get(BANK);
            if (b == null) {
                if (state.isEmpty()) {
                    return; // a model file: the bank is training state only
                }
                throw new HashingException(source + ": DPSH state has no bank");
            }
            bank.restore(b, source);
        }
    }
}
