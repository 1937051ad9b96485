package org.hashing4j.models.methods.ssdh;

import java.util.Set;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;

/**
 * SSDH (Yang, Deng, Liu, Liu, Tao, IJCAI 2018; METHODS-DEEP.md §2.3), registered as {@code ssdh}.
 *
 * <p>Parameters: {@code alpha} and {@code beta} (2 and 2: the authors' hard-coded values, FIRe's
 * {@code ssdh.yaml}), the widths, in standard deviations, of the similar and dissimilar thresholds;
 * {@code sample_size} (2000): how many training items the distance distribution is estimated from
 * (all pairs of a random sample; the authors train on 5000 images and use all their pairs, which
 * grows quadratically). Shared settings: FIRe's global defaults; its template keeps the backbone at
 * 0.1× the rate, as the authors train the whole network.
 */
public final class SsdhMethod extends DeepHashingMethod {
    @Override
    public String name() {
        return "ssdh";
    }

    @Override
    public String displayName() {
        return "SSDH";
    }

    @Override
    public boolean supervised() {
        return false;
    }

    @Override
    protected Set<String> parameters() {
        return Set.of("alpha", "beta", "sample_size");
    }

    @Override
    protected DeepSettings.Defaults defaults() {
        return DeepSettings.Defaults.fire();
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        String n = name();
        double alpha = MethodSupport.checkPositive(n, "alpha", config.getDouble("alpha", 2), true);
        double beta = MethodSupport.checkPositive(n, "beta", config.getDouble("beta", 2), true);
        int sample = MethodSupport.checkRange(n, "sample_size", config.getInt("sample_size", 2000), 2, 100_000);
        return new SsdhObjective(alpha, beta, sample);
    }
}
