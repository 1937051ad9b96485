package org.hashing4j.models.methods.dpn;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.layers.Codebooks;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DPN (METHODS-DEEP.md §1.7, FIRe's form): u = W·f (no bias), fixed targets T ∈ {±1}^{C×K};
 * L = mean_i Σ_{c: y_ic = 1} Σ_k max(0, m − u_ik·T_ck) + reg·mean u² (single label: the sample's
 * class only). Codes sign(u).
 *
 * <p>Parameters: {@code margin} (default 1), {@code reg} (default 0.1, FIRe; the authors use 0),
 * {@code codebook} ({@code b}: i.i.d. ±1, FIRe's default; {@code m}: minimum-distance sampler);
 * shared settings default to FIRe's global ones. State: the targets.
 */
public final class DpnMethod extends DeepHashingMethod {
    static final MethodParameter<Double> MARGIN = MethodParameter.real("margin", 1, "hinge margin m");
    static final MethodParameter<Double> REG = MethodParameter.real("reg", 0.1,
            "weight of mean u^2 (FIRe; the authors use 0)");
    static final MethodParameter<String> CODEBOOK = MethodParameter.choice("codebook", "b",
            "targets: b (i.i.d. +-1, FIRe's) or m (minimum-distance sampler)", "b", "m");

    /** The method, as the registry builds it. */
    public DpnMethod() {
        super(new Declaration("dpn", "DPN", true,
                "Fan, Ng, Ju, Zhang, Chan, \"Deep Polarized Network for Supervised Learning of Accurate Binary Hashing Codes\", IJCAI 2020",
                List.of(MARGIN, REG, CODEBOOK),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        String codebook = CODEBOOK.read(name(), config);
        return new Objective(positive(MARGIN, config, false), positive(REG, config, true), codebook);
    }

    /** The head, the loss and the targets. */
    static final class Objective extends DeepObjective {
        static final String TARGETS = "targets";
        private final double margin;
        private final double reg;
        private final String codebook;
        private int bits;
        private int classes;
        private float[][] targets;

        Objective(double margin, double reg, String codebook) {
            this.margin = margin;
            this.reg = reg;
            this.codebook = codebook;
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            bits = g.bits();
            SDVariable t = g.placeholder(TARGETS, -1, bits);
            SDVariable u = sd.identity("code_logits", g.denseNoBias("hash/fc", g.features(), g.featureDimension(), bits,
                    Math.sqrt(2.0 / (g.featureDimension() + bits))));
            // n × C × K: u_ik·T_ck for every class; the labels pick the sample's classes.
            SDVariable agreement = sd.expandDims(u, 1).mul(sd.expandDims(t, 0));
            SDVariable hinge = sd.nn.relu(agreement.rsub(margin), 0).sum(2);
            SDVariable polarization = hinge.mul(g.labels()).sum(1).mean();
            SDVariable regulariser = u.mul(u).mean();
            return Head.weighted("polarization", polarization, "regulariser", regulariser, reg, u);
        }

        @Override
        public void bind(FeatureSet data, int[] trainItems) {
            classes = data.requireLabels("dpn").numClasses();
        }

        @Override
        public void prepare(SplittableRandom random) {
            targets = Codebooks.generate(codebook, classes, bits, random);
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            return Map.of(TARGETS, Nd4j.create(targets));
        }

        @Override
        public Map<String, INDArray> state() {
            return targets == null ? Map.of() : Map.of(TARGETS, Nd4j.create(targets));
        }

        @Override
        public void restoreState(Map<String, INDArray> state, String source) {
            INDArray t = state.get(TARGETS);
            if (t == null || t.columns() != bits) {
                throw new HashingException(source + ": DPN state needs targets (classes × " + bits + ")");
            }
            targets = t.toFloatMatrix();
        }

        float[][] targets() {
            return targets;
        }
    }
}
