package org.hashing4j.models.methods.dfh;

import java.util.LinkedHashMap;
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
import org.nd4j.linalg.factory.Nd4j;

/**
 * DFH, Deep Fisher Hashing (METHODS-DEEP.md §1.9, FIRe's discrete variant): u = W·f + c linear; a bank
 * U of the training set's outputs (as DPSH) and binary class centres Cn (C × K, zeros at the start).
 * Per batch: target codes b_i = sign(μ·Cnᵀy_i + u_i) (no gradient; sign(0) = 0 as in the reference),
 * the loss L = mean_{i∈B, j≤N} [(1 − s_ij)·softplus(m + Θ_ij) + s_ij·softplus(m − Θ_ij)] +
 * η·mean (b − u)² with Θ = clamp(½⟨u_i, U_j⟩, −100, 50), and after the step the centres by discrete
 * cyclic coordinate descent: for each class c in turn,
 * cn_c ← sign(Σ_i y_ic b_i − Σ_{c'≠c} cn_{c'}·(Σ_i y_ic y_ic') − ν·Σ_{c'≠c} cn_{c'}). Codes sign(u).
 *
 * <p>Parameters: {@code mu} (1), {@code nu} (1), {@code margin} (1), {@code eta} (0.5) — FIRe's
 * {@code dfh.yaml}; shared settings default to FIRe's global ones. State: bank and centres.
 */
public final class DfhMethod extends DeepHashingMethod {
    static final MethodParameter<Double> MU = MethodParameter.real("mu", 1, "weight of the class centres in the target codes");
    static final MethodParameter<Double> NU = MethodParameter.real("nu", 1, "centre separation in the centre update");
    static final MethodParameter<Double> MARGIN = MethodParameter.real("margin", 1, "margin of the pairwise likelihood");
    static final MethodParameter<Double> ETA = MethodParameter.real("eta", 0.5, "weight of the quantisation to the targets");

    /** The method, as the registry builds it. */
    public DfhMethod() {
        super(new Declaration("dfh", "DFH", true,
                "Li, Pei, Zha, van Gemert, \"Push for Quantization: Deep Fisher Hashing\", BMVC 2019",
                List.of(MU, NU, MARGIN, ETA),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new Objective(positive(MU, config, true), positive(NU, config, true), positive(MARGIN, config, true),
                positive(ETA, config, true));
    }

    /** The head, the loss, the bank and the centres. */
    static final class Objective extends DeepObjective {
        static final String CENTRES = "centres";
        static final String TARGETS = "target_codes";
        private final double mu;
        private final double nu;
        private final double margin;
        private final double eta;
        private int bits;
        private int classes;
        private CodeBank bank;
        private float[][] centres;

        Objective(double mu, double nu, double margin, double eta) {
            this.mu = mu;
            this.nu = nu;
            this.margin = margin;
            this.eta = eta;
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            bits = g.bits();
            SDVariable y = g.labels();
            SDVariable cn = g.placeholder(CENTRES, -1, bits);
            SDVariable s = CodeBank.similarity(g);
            SDVariable u = g.hashLayer();
            SDVariable b = sd.identity(TARGETS, HashOps.stopGradient(sd, sd.math.sign(y.mmul(cn).mul(mu).add(u))));
            SDVariable theta = sd.math.clipByValue(sd.mmul(u, CodeBank.effective(g, u, bits), false, true, false).mul(0.5),
                    -100, 50);
            SDVariable likelihood = s.rsub(1.0).mul(HashOps.softplus(sd, theta.add(margin)))
                    .add(s.mul(HashOps.softplus(sd, theta.rsub(margin)))).mean();
            SDVariable q = b.sub(u);
            SDVariable quantization = q.mul(q).mean();
            return Head.weighted("likelihood", likelihood, "quantization", quantization, eta, u);
        }

        @Override
        public void bind(FeatureSet data, int[] items) {
            classes = data.requireLabels("dfh").numClasses();
            bank = new CodeBank(bits);
            bank.bind(data, items);
        }

        @Override
        public void prepare(SplittableRandom random) {
            bank.reset();
            centres = new float[classes][bits];
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            Map<String, INDArray> f = new LinkedHashMap<>(bank.feed(batch.items()));
            f.put(CENTRES, Nd4j.create(centres));
            return f;
        }

        @Override
        public List<String> observedOutputs() {
            return List.of("code_logits", TARGETS);
        }

        @Override
        public void observe(Batch batch, Map<String, INDArray> outputs) {
            bank.update(batch.items(), outputs.get("code_logits"));
            updateCentres(batch.labels().toFloatMatrix(), outputs.get(TARGETS).toFloatMatrix());
        }

        /** One sweep of discrete cyclic coordinate descent over the class centres. */
        void updateCentres(float[][] y, float[][] b) {
            int n = y.length;
            for (int c = 0; c < classes; c++) {
                double[] arg = new double[bits];
                for (int i = 0; i < n; i++) {
                    if (y[i][c] > 0) {
                        for (int k = 0; k < bits; k++) {
                            arg[k] += b[i][k];
                        }
                    }
                }
                for (int c2 = 0; c2 < classes; c2++) {
                    if (c2 == c) {
                        continue;
                    }
                    double co = 0;
                    for (int i = 0; i < n; i++) {
                        co += y[i][c] * y[i][c2];
                    }
                    for (int k = 0; k < bits; k++) {
                        arg[k] -= centres[c2][k] * (co + nu);
                    }
                }
                for (int k = 0; k < bits; k++) {
                    centres[c][k] = (float) Math.signum(arg[k]);
                }
            }
        }

        @Override
        public Map<String, INDArray> state() {
            if (centres == null) {
                return Map.of();
            }
            Map<String, INDArray> m = new LinkedHashMap<>();
            m.put("bank", bank.toArray());
            m.put(CENTRES, Nd4j.create(centres));
            return m;
        }

        @Override
        public Map<String, INDArray> modelState() {
            return Map.of();
        }

        @Override
        public void restoreState(Map<String, INDArray> state, String source) {
            if (state.isEmpty()) {
                return; // a model file: bank and centres are training state only
            }
            bank.restore(state.get("bank"), source);
            INDArray c = state.get(CENTRES);
            if (c == null || c.columns() != bits) {
                throw new HashingException(source + ": DFH state needs centres (classes × " + bits + ")");
            }
            centres = c.toFloatMatrix();
        }

        float[][] centres() {
            return centres;
        }
    }
}
