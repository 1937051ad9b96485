package org.hashing4j.models.methods.cibhash;

import java.util.Set;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;

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
    @Override
    public String name() {
        return "cibhash";
    }

    @Override
    public String displayName() {
        return "CIBHash";
    }

    @Override
    public boolean supervised() {
        return false;
    }

    @Override
    protected Set<String> parameters() {
        return Set.of("temperature", "beta", "encoder_hidden", "crop_scale", "flip", "jitter", "noise", "dropout");
    }

    @Override
    protected DeepSettings.Defaults defaults() {
        return DeepSettings.Defaults.adam(60, 64, 1e-3).backboneLrScale(0);
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        String n = name();
        double tau = MethodSupport.checkPositive(n, "temperature", config.getDouble("temperature", 0.3), false);
        double beta = MethodSupport.checkPositive(n, "beta", config.getDouble("beta", 0.001), true);
        int hidden = MethodSupport.checkRange(n, "encoder_hidden", config.getInt("encoder_hidden", 1024), 1, 1 << 16);
        double cropScale = MethodSupport.checkInterval(n, "crop_scale", config.getDouble("crop_scale", 0.5), 0, 1, true);
        double jitter = MethodSupport.checkInterval(n, "jitter", config.getDouble("jitter", 0.4), 0, 1, false);
        double noise = MethodSupport.checkPositive(n, "noise", config.getDouble("noise", 0.1), true);
        double dropout = MethodSupport.checkInterval(n, "dropout", config.getDouble("dropout", 0.1), 0, 1, false);
        Augmentation aug = new Augmentation(cropScale, config.getBoolean("flip", true), jitter, noise, dropout);
        return new CibHashObjective(tau, beta, hidden, aug);
    }
}
