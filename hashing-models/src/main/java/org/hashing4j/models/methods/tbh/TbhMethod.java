package org.hashing4j.models.methods.tbh;

import java.util.List;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;

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
    static final MethodParameter<Double> ADVERSARIAL_WEIGHT = MethodParameter.real("adversarial_weight", 1,
            "weight lambda of the adversarial terms (FIRe's adv)");
    static final MethodParameter<Integer> ENCODER_HIDDEN = MethodParameter.integer("encoder_hidden", 1024,
            "hidden units of the encoder");
    static final MethodParameter<Integer> LATENT_DIM = MethodParameter.integer("latent_dim", 512,
            "size of the continuous bottleneck");

    /** The method, as the registry builds it. */
    public TbhMethod() {
        super(new Declaration("tbh", "TBH", false,
                "Shen, Qin, Chen, Yu, Liu, Zhu, Shen, Shao, \"Auto-Encoding Twin-Bottleneck Hashing\", CVPR 2020",
                List.of(ADVERSARIAL_WEIGHT, ENCODER_HIDDEN, LATENT_DIM),
                DeepSettings.Defaults.fire().backboneLrScale(0)));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        double lambda = positive(ADVERSARIAL_WEIGHT, config, true);
        int hidden = range(ENCODER_HIDDEN, config, 1, 1 << 16);
        int latent = range(LATENT_DIM, config, 1, 1 << 16);
        return new TbhObjective(lambda, hidden, latent);
    }
}
