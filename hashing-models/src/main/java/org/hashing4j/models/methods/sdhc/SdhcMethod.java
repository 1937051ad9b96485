package org.hashing4j.models.methods.sdhc;

import java.util.Locale;
import java.util.Set;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;

/**
 * SDH-C (FIRe's {@code sdhc}, after Liong, Lu, Wang, Moulin, Zhou, CVPR 2015; METHODS-DEEP.md §1.12),
 * registered as {@code sdh-c} (the shallow {@code sdh} is another method).
 *
 * <p>Parameters (FIRe's {@code sdhc.yaml}): {@code lambda0} quantisation (1e-3), {@code lambda1}
 * variance (1e-3), {@code lambda2} orthogonality (1e-3), {@code alpha} classification (1);
 * {@code orthogonality_target}: {@code identity} (default: ‖WᵀW − I‖², the Deep Hashing paper's
 * term) or {@code ones} (FIRe's comparison with an all-ones matrix, which METHODS-DEEP.md calls a
 * likely slip; kept to reproduce FIRe). Shared settings: FIRe's global defaults.
 */
public final class SdhcMethod extends DeepHashingMethod {
    @Override
    public String name() {
        return "sdh-c";
    }

    @Override
    public String displayName() {
        return "SDH-C";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    protected Set<String> parameters() {
        return Set.of("lambda0", "lambda1", "lambda2", "alpha", "orthogonality_target");
    }

    @Override
    protected DeepSettings.Defaults defaults() {
        return DeepSettings.Defaults.fire();
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        String n = name();
        double l0 = MethodSupport.checkPositive(n, "lambda0", config.getDouble("lambda0", 1e-3), true);
        double l1 = MethodSupport.checkPositive(n, "lambda1", config.getDouble("lambda1", 1e-3), true);
        double l2 = MethodSupport.checkPositive(n, "lambda2", config.getDouble("lambda2", 1e-3), true);
        double alpha = MethodSupport.checkPositive(n, "alpha", config.getDouble("alpha", 1), true);
        String target = config.getString("orthogonality_target", "identity").trim().toLowerCase(Locale.ROOT);
        if (!target.equals("identity") && !target.equals("ones")) {
            throw new HashingException(n + ": parameter 'orthogonality_target' must be identity or ones, got '" + target + "'");
        }
        return new SdhcObjective(l0, l1, l2, alpha, target.equals("ones"));
    }
}
