package org.hashing4j.models.methods.csq;

import java.util.Set;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;

/**
 * CSQ (Yuan et al., CVPR 2020): codes pulled to fixed class hash centres. Single- and multi-label.
 *
 * <p>Parameters: {@code lambda} (quantisation weight, default 0.001: FIRe's {@code lambda_q}, also the
 * authors' AlexNet value at 16/32 bits) and the shared settings with FIRe's global defaults
 * ({@link DeepSettings.Defaults#fire()}).
 */
public final class CsqMethod extends DeepHashingMethod {
    @Override
    public String name() {
        return "csq";
    }

    @Override
    public String displayName() {
        return "CSQ";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    protected Set<String> parameters() {
        return Set.of("lambda");
    }

    @Override
    protected DeepSettings.Defaults defaults() {
        return DeepSettings.Defaults.fire();
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new CsqObjective(MethodSupport.checkPositive(name(), "lambda", config.getDouble("lambda", 0.001), true));
    }
}
