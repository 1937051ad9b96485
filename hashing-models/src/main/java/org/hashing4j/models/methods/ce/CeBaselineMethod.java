package org.hashing4j.models.methods.ce;

import java.util.List;
import java.util.Map;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The cross-entropy baseline (METHODS-DEEP.md §1.13): v = W·f + c (K units, no activation),
 * z = W_c·v + c_c, L = CE(z, y) (label-smoothing CE for multi-label data); codes sign(v). Nothing
 * pushes v towards ±1 or balances the bits — it is the control that shows what a plain classifier's
 * bottleneck gives. No parameters of its own; shared settings default to FIRe's global ones
 * ({@link DeepSettings.Defaults#fire()}).
 */
public final class CeBaselineMethod extends DeepHashingMethod {

    /** The method, as the registry builds it. */
    public CeBaselineMethod() {
        super(new Declaration("ce", "CE", true,
                "Cross-entropy baseline on a K-unit bottleneck, after Sablayrolles, Douze, Usunier, Jegou, \"How should we evaluate supervised hashing?\", ICASSP 2017",
                List.of(),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new Objective();
    }

    /** The head and loss. */
    static final class Objective extends DeepObjective {
        @Override
        public Head build(HeadBuilder g) {
            SDVariable v = g.sd().identity("code_logits", g.dense("hash/fc", g.features(), g.featureDimension(), g.bits()));
            SDVariable z = g.dense("classifier/fc", v, g.bits(), g.numClasses());
            SDVariable ce = HashOps.crossEntropy(g.sd(), z, g.labels(), g.multiLabel()).mean("classification_loss");
            return new Head(g.sd().identity("loss", ce), Map.of("classification_loss", ce), Encoding.sign(v));
        }
    }
}
