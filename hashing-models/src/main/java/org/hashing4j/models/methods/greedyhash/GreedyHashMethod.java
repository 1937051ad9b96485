package org.hashing4j.models.methods.greedyhash;

import java.util.List;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;

/**
 * GreedyHash (Su, Zhang, Han, Tian, NeurIPS 2018). Supervised ({@code greedyhash}): a classifier on
 * the sign codes; unsupervised ({@code greedyhash-unsup}): code cosines regressed on feature cosines.
 *
 * <p>Parameters: {@code alpha} (weight of the magnitude penalty, default 0.1: the authors' CIFAR value,
 * also DeepHash-pytorch's), {@code pow} (its exponent, default 3), and the shared settings with the
 * authors' defaults: SGD, momentum 0.9, lr 1e-3 (1e-4 unsupervised), weight decay 5e-4, batch 32,
 * 50 epochs, lr ×0.1 once at 80% of the epochs (FIRe's StepLR; the authors decay at epoch 30 of 50:
 * {@code lr_step: 30}). The unsupervised variant freezes the backbone
 * by default ({@code backbone_lr_scale} 0), as FIRe's template and the authors do.
 */
public final class GreedyHashMethod extends DeepHashingMethod {
    static final MethodParameter<Double> ALPHA = MethodParameter.real("alpha", 0.1,
            "weight of the magnitude penalty (the authors' CIFAR value, DeepHash-pytorch's)");
    static final MethodParameter<Double> POW = MethodParameter.real("pow", 3, "exponent of the magnitude penalty");

    /** @param supervised the classifier variant (true) or the feature-cosine variant (false) */
    public GreedyHashMethod(boolean supervised) {
        super(new Declaration(supervised ? "greedyhash" : "greedyhash-unsup",
                supervised ? "GreedyHash" : "GreedyHash-U", supervised,
                "Su, Zhang, Han, Tian, \"Greedy Hash: Towards Fast Optimization for Accurate Hash Coding in CNN\", NeurIPS 2018",
                List.of(ALPHA, POW),
                authorsDefaults(supervised)));
    }

    /** The supervised variant, for the registry. */
    public static GreedyHashMethod supervisedVariant() {
        return new GreedyHashMethod(true);
    }

    /** The unsupervised variant, for the registry. */
    public static GreedyHashMethod unsupervisedVariant() {
        return new GreedyHashMethod(false);
    }

    /** The authors' shared settings; the unsupervised variant trains at 1e-4 with the backbone frozen. */
    private static DeepSettings.Defaults authorsDefaults(boolean supervised) {
        DeepSettings.Defaults d = new DeepSettings.Defaults(50, 32, supervised ? 1e-3 : 1e-4, "sgd", 5e-4, "step", 1);
        return supervised ? d : d.backboneLrScale(0);
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        double alpha = positive(ALPHA, config, true);
        double pow = positive(POW, config, false);
        return new GreedyHashObjective(supervised(), alpha, pow);
    }
}
