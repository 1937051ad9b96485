package org.hashing4j.models.methods.cibhash;

import java.util.List;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;

/**
 * CIBHash (Qiu, Su, Ou, Yu, Chen, IJCAI 2021; METHODS-DEEP.md §2.5), registered as {@code cibhash}.
 *
 * <p>Parameters (defaults from the authors and FIRe's {@code cibhash.yaml}): {@code temperature} τ
 * (0.3), {@code beta} weight of the KL term (0.001), {@code encoder_hidden} (1024: the head is
 * Linear → ReLU → Linear(K) → sigmoid). The augmentation ({@link Augmentation}): for image rows
 * {@code crop_scale} (0.5, smallest area fraction of the random resized crop), {@code flip} (true),
 * {@code jitter} (0.4, brightness/contrast strength, applied with probability 0.7); for feature rows
 * {@code noise} (0.1, Gaussian noise relative to the row's RMS) and {@code dropout} (0.1, features
 * zeroed). Shared settings: Adam, lr 1e-3, batch 64, 60 epochs, constant rate, no weight decay, the
 * backbone frozen ({@code backbone_lr_scale} 0), as the authors and FIRe train it.
 */
public final class CibHashMethod extends DeepHashingMethod {
    static final MethodParameter<Double> TEMPERATURE = MethodParameter.real("temperature", 0.3,
            "contrastive temperature tau");
    static final MethodParameter<Double> BETA = MethodParameter.real("beta", 0.001, "weight of the KL term");
    static final MethodParameter<Integer> ENCODER_HIDDEN = MethodParameter.integer("encoder_hidden", 1024,
            "hidden units of the head (Linear, ReLU, Linear(K), sigmoid)");
    static final MethodParameter<Double> CROP_SCALE = MethodParameter.real("crop_scale", 0.5,
            "images: smallest area fraction of the random resized crop");
    static final MethodParameter<Boolean> FLIP = MethodParameter.flag("flip", true, "images: random horizontal flips");
    static final MethodParameter<Double> JITTER = MethodParameter.real("jitter", 0.4,
            "images: brightness/contrast strength (applied with probability 0.7)");
    static final MethodParameter<Double> NOISE = MethodParameter.real("noise", 0.1,
            "feature rows: Gaussian noise relative to the row's RMS");
    static final MethodParameter<Double> DROPOUT = MethodParameter.real("dropout", 0.1,
            "feature rows: fraction of features zeroed");

    /** The method, as the registry builds it. */
    public CibHashMethod() {
        super(new Declaration("cibhash", "CIBHash", false,
                "Qiu, Su, Ou, Yu, Chen, \"Unsupervised Hashing with Contrastive Information Bottleneck\", IJCAI 2021",
                List.of(TEMPERATURE, BETA, ENCODER_HIDDEN, CROP_SCALE, FLIP, JITTER, NOISE, DROPOUT),
                DeepSettings.Defaults.adam(60, 64, 1e-3).backboneLrScale(0)));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        double tau = positive(TEMPERATURE, config, false);
        double beta = positive(BETA, config, true);
        int hidden = range(ENCODER_HIDDEN, config, 1, 1 << 16);
        double cropScale = interval(CROP_SCALE, config, 0, 1, true);
        double jitter = interval(JITTER, config, 0, 1, false);
        double noise = positive(NOISE, config, true);
        double dropout = interval(DROPOUT, config, 0, 1, false);
        Augmentation aug = new Augmentation(cropScale, FLIP.read(name(), config), jitter, noise, dropout);
        return new CibHashObjective(tau, beta, hidden, aug);
    }
}
