package org.hashing4j.models.methods.csq;

import java.util.List;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;

/**
 * CSQ (Yuan et al., CVPR 2020): codes pulled to fixed class hash centres. Single- and multi-label.
 *
 * <p>Parameters: {@code lambda} (quantisation weight, default 0.001: FIRe's {@code lambda_q}, also the
 * authors' AlexNet value at 16/32 bits) and the shared settings with FIRe's global defaults
 * ({@link DeepSettings.Defaults#fire()}).
 */
public final class CsqMethod extends DeepHashingMethod {
    static final MethodParameter<Double> LAMBDA = MethodParameter.real("lambda", 0.001,
            "quantisation weight (FIRe's lambda_q; the authors' AlexNet value at 16/32 bits)");

    /** The method, as the registry builds it. */
    public CsqMethod() {
        super(new Declaration("csq", "CSQ", true,
                "Yuan, Wang, Zhang, Tay, Jie, Liu, Feng, \"Central Similarity Quantization for Efficient Image and Video Retrieval\", CVPR 2020",
                List.of(LAMBDA),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new CsqObjective(positive(LAMBDA, config, true));
    }
}
