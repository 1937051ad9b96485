package org.hashing4j.models.methods.bihalf;

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
 * BiHalf (METHODS-DEEP.md §2.2 and §1.11): u = W·f + c; while training b = BiHalf(u) (per bit, the
 * batch's top ⌊n/2⌋ → +1, the rest −1; backward ∂L/∂b + γ/(nK)·(u − b), see
 * {@link HashOps#biHalf}).
 * <ul>
 *   <li>unsupervised ({@code bihalf}): L = mean over pairs (i, i + n/2) of (cos(b_i, b_j) − cos(f_i, f_j))²;</li>
 *   <li>supervised ({@code bihalf-supervised}, FIRe): L = CE(W_c·b + c_c, y).</li>
 * </ul>
 * The reported loss includes γ/(2nK)·‖u − b‖², the term whose gradient is the layer's extra
 * backward term. Codes sign(u) (the layer is the identity at test time).
 *
 * <p>Parameters: {@code gamma} (default 6, all three sources); shared settings: unsupervised, the
 * FIRe template (Adam 1e-4, batch 64, frozen backbone); supervised, FIRe's global ones.
 */
public final class BiHalfMethod extends DeepHashingMethod {
    static final MethodParameter<Double> GAMMA = MethodParameter.real("gamma", 6,
            "weight of the layer's pull of u towards b (all three sources)");

    /** @param supervised FIRe's supervised variant (classifier) rather than the paper's unsupervised one */
    public BiHalfMethod(boolean supervised) {
        super(new Declaration(supervised ? "bihalf-supervised" : "bihalf", supervised ? "BiHalf-S" : "BiHalf",
                supervised,
                "Li, van Gemert, \"Deep Unsupervised Image Hashing by Maximizing Bit Entropy\" (Bi-half), AAAI 2021",
                List.of(GAMMA),
                supervised ? DeepSettings.Defaults.fire()
                        : new DeepSettings.Defaults(100, 64, 1e-4, "adam", 5e-4, "step", 0)));
    }

    /** The unsupervised variant, for the registry. */
    public static BiHalfMethod unsupervisedVariant() {
        return new BiHalfMethod(false);
    }

    /** The supervised variant, for the registry. */
    public static BiHalfMethod supervisedVariant() {
        return new BiHalfMethod(true);
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new Objective(supervised(), positive(GAMMA, config, true));
    }

    /** The head and loss. */
    static final class Objective extends DeepObjective {
        static final String HALF = "half";
        private final boolean supervised;
        private final double gamma;

        Objective(boolean supervised, double gamma) {
            this.supervised = supervised;
            this.gamma = gamma;
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            SDVariable half = g.placeholder(HALF, 1, 1);
            SDVariable u = g.hashLayer();
            SDVariable[] bh = HashOps.biHalf(sd, u, half, gamma);
            SDVariable b = bh[0];
            SDVariable main;
            Map<String, SDVariable> terms = new LinkedHashMap<>();
            if (supervised) {
                SDVariable z = g.dense("classifier/fc", b, g.bits(), g.numClasses());
                main = HashOps.crossEntropy(sd, z, g.labels(), g.multiLabel()).mean();
                terms.put("classification_loss", main);
            } else {
                SDVariable first = g.placeholder(HashOps.PAIR_FIRST, -1, -1);
                SDVariable second = g.placeholder(HashOps.PAIR_SECOND, -1, -1);
                SDVariable f = HashOps.stopGradient(sd, g.features());
                SDVariable diff = HashOps.rowCosine(sd, first.mmul(b), second.mmul(b))
                        .sub(HashOps.rowCosine(sd, first.mmul(f), second.mmul(f)));
                main = diff.mul(diff).mean();
                terms.put("similarity_loss", main);
            }
            terms.put("bihalf_term", bh[1]);
            return new Head(main.add("loss", bh[1]), terms, Encoding.sign(u));
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            Map<String, INDArray> f = new LinkedHashMap<>();
            f.put(HALF, Nd4j.createFromArray(new float[][] {{batch.size() / 2}}));
            if (!supervised) {
                f.putAll(HashOps.pairSelectors(batch.size()));
            }
            return f;
        }
    }
}
