package org.hashing4j.models.methods.ssdh;

import java.util.List;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;

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
    static final MethodParameter<Double> ALPHA = MethodParameter.real("alpha", 2,
            "width of the similar threshold, in standard deviations");
    static final MethodParameter<Double> BETA = MethodParameter.real("beta", 2,
            "width of the dissimilar threshold, in standard deviations");
    static final MethodParameter<Integer> SAMPLE_SIZE = MethodParameter.integer("sample_size", 2000,
            "training items the distance distribution is estimated from");

    /** The method, as the registry builds it. */
    public SsdhMethod() {
        super(new Declaration("ssdh", "SSDH", false,
                "Yang, Deng, Liu, Liu, Tao, \"Semantic Structure-based Unsupervised Deep Hashing\", IJCAI 2018",
                List.of(ALPHA, BETA, SAMPLE_SIZE),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        double alpha = positive(ALPHA, config, true);
        double beta = positive(BETA, config, true);
        int sample = range(SAMPLE_SIZE, config, 2, 100_000);
        return new SsdhObjective(alpha, beta, sample);
    }
}
