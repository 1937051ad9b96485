package org.hashing4j.models.methods.bihalf;

import java.util.Map;
import java.util.Set;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.layers.BiHalf;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BiHalf (METHODS-DEEP.md §2.2 and §1.11). Unsupervised ({@code bihalf}): u = W·f + c,
 * b = BiHalf(u), L = mean over the pairs (i, i + n/2) of (cos(b_i, b_j) − cos(f_i, f_j))², the
 * feature cosine a constant (GreedyHash's pairing, without its cubic term). Supervised
 * ({@code bihalf-supervised}, FIRe): u = W·f, b = BiHalf(u), L = CE(W_c·b + c_c, y) (label-smoothing CE
 * for multi-label data). Both: codes sign(u), the layer being the identity at test time.
 *
 * <p>Parameters: {@code gamma}, the weight of the layer's backward term (6: the authors, DH and
 * FIRe). Shared settings: FIRe's (Adam 1e-4, batch 64 — a hyper-parameter here, since the split is
 * per batch); the unsupervised template freezes the backbone ({@code backbone_lr_scale} 0).
 */
public final class BiHalfMethod extends DeepHashingMethod {
    private final boolean supervised;

    /** @param supervised FIRe's classifier variant (true) or the paper's unsupervised one (false) */
    public BiHalfMethod(boolean supervised) {
        this.supervised = supervised;
    }

    /** The supervised variant, for the registry. */
    public static BiHalfMethod supervisedVariant() {
        return new BiHalfMethod(true);
    }

    /** The unsupervised variant, for the registry. */
    public static BiHalfMethod unsupervisedVariant() {
        return new BiHalfMethod(false);
    }

    @Override
    public String name() {
        return supervised ? "bihalf-supervised" : "bihalf";
    }

    @Override
    public String displayName() {
        return supervised ? "BiHalf-S" : "BiHalf";
    }

    @Override
    public boolean supervised() {
        return supervised;
    }

    @Override
    protected Set<String> parameters() {
        return Set.of("gamma");
    }

    @Override
    protected DeepSettings.Defaults defaults() {
        return supervised ? DeepSettings.Defaults.fire() : DeepSettings.Defaults.fire().backboneLrScale(0);
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new Objective(supervised, MethodSupport.checkPositive(name(), "gamma", config.getDouble("gamma", 6), true));
    }

    /** The head and loss described in the class comment. */
    static final class Objective extends DeepObjective {
        private final boolean supervised;
        private final double gamma;

        Objective(boolean supervised, double gamma) {
            this.supervised = supervised;
            this.gamma = gamma;
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("gamma", gamma);
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            SDVariable u = sd.identity("code_logits", supervised
                    ? g.denseNoBias("hash/fc", g.features(), g.featureDimension(), g.bits(), 0.01)
                    : g.dense("hash/fc", g.features(), g.featureDimension(), g.bits()));
            BiHalf.Output b = BiHalf.apply(sd, "codes", u, gamma);
            SDVariable main;
            String term;
            if (supervised) {
                SDVariable z = g.dense("classifier/fc", b.codes(), g.bits(), g.numClasses());
                main = HashOps.crossEntropy(sd, z, g.labels(), g.multiLabel()).mean();
                term = "classification_loss";
            } else {
                SDVariable first = g.placeholder(HashOps.PAIR_FIRST, -1, -1);
                SDVariable second = g.placeholder(HashOps.PAIR_SECOND, -1, -1);
                SDVariable f = HashOps.stopGradient(sd, g.features());
                SDVariable diff = HashOps.rowCosine(sd, first.mmul(b.codes()), second.mmul(b.codes()))
                        .sub(HashOps.rowCosine(sd, first.mmul(f), second.mmul(f)));
                main = diff.mul(diff).mean();
                term = "similarity_loss";
            }
            return new Head(main.add("loss", b.gradientTerm()), Map.of(term, main), Encoding.sign(u));
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            return supervised ? Map.of() : HashOps.pairSelectors(batch.size());
        }
    }
}
