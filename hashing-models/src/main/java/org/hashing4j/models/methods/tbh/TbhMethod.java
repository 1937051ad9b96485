package org.hashing4j.models.methods.tbh;

import java.util.Set;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;

/**
 * TBH (Shen, Qin, Chen, Yu, Liu, Zhu, Shen, Shao, CVPR 2020; METHODS-DEEP.md §2.4), registered as
 * {@code tbh}.
 *
 * <p>Parameters: {@code adversarial_weight} λ (1: FIRe's {@code adv}), {@code encoder_hidden} (1024)
 * and {@code latent_dim} (512), the authors' and FIRe's sizes. Shared settings: FIRe's global ones
 * (Adam 1e-4 — FIRe and the authors use it for actor and critics alike —, batch 64, weight decay
 * 5e-4, one ×0.1 decay at 80%) with the backbone frozen ({@code backbone_lr_scale} 0), as in FIRe's
 * template and the authors' code.
 */
public final class TbhMethod extends DeepHashingMethod {
    @Override
    public String name() {
        return "tbh";
    }

    @Override
    public String displayName() {
        return "TBH";
    }

    @Override
    public boolean supervised() {
        return false;
    }

    @Override
    protected Set<String> parameters() {
        return Set.of("adversarial_weight", "encoder_hidden", "latent_dim");
    }

    @Override
    protected DeepSettings.Defaults defaults() {
        return DeepSettings.Defaults.fire().backboneLrScale(0);
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        String n = name();
        double lambda = MethodSupport.checkPositive(n, "adversarial_weight", config.getDouble("adversarial_weight", 1), true);
        int hidden = MethodSupport.checkRange(n, "encoder_hidden", config.getInt("encoder_hidden", 1024), 1, 1 << 16);
        int latent = MethodSupport.checkRange(n, "latent_dim", config.getInt("latent_dim", 512), 1, 1 << 16);
        return new TbhObjective(lambda, hidden, latent);
    }
}
