package org.hashing4j.models.methods.jmlh;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.training.DeepTrainer;
import org.hashing4j.models.MethodParameter;

/**
 * JMLH, "Just Maximizing Likelihood Hashing" (Shen et al., "Embarrassingly Simple Binary
 * Representation Learning"): a classifier with a stochastic binary bottleneck, trained end to end;
 * the bottleneck's bits are the hash codes. Supervised (single- or multi-label).
 *
 * <p>Parameters: {@code lambda} (KL weight, default 0.1) and the shared deep-training settings
 * ({@link DeepSettings}) with the paper's defaults: Adam, learning rate 1e-3, batch 256, 10 epochs,
 * no weight decay, constant rate. Trained by the shared {@link DeepTrainer}; its model file keeps
 * JMLH's own format ({@link JmlhModel}).
 */
public final class JmlhMethod extends DeepHashingMethod {
    public static final String NAME = "jmlh";
    /** The weight of the KL prior, as {@link JmlhSettings} also reads it. */
    static final MethodParameter<Double> LAMBDA = MethodParameter.real("lambda", 0.1,
            "weight of the KL prior Bernoulli(1/2) on the bits");
    /** The paper's training settings: Adam, lr 1e-3, batch 256, 10 epochs. */
    static final DeepSettings.Defaults DEFAULTS = DeepSettings.Defaults.adam(10, 256, 1e-3);

    /** The method, as the registry builds it. */
    public JmlhMethod() {
        super(new Declaration(NAME, "JMLH", true,
                "Shen, Qin, Chen, Liu, Zhu, Shen, \"Embarrassingly Simple Binary Representation Learning\" (JMLH),"
                        + " ICCV Workshops 2019",
                List.of(LAMBDA),
                DEFAULTS));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new JmlhObjective(positive(LAMBDA, config, true));
    }

    @Override
    public JmlhModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        return (JmlhModel) super.fit(data, config, context);
    }

    @Override
    protected TrainedModel model(DeepTrainer.Result result, ModelProvenance provenance, MethodConfig config) {
        JmlhSettings settings = JmlhSettings.from(config, result.network().backbone().spec().containsKey("image_shape"));
        return new JmlhModel(new JmlhNetwork(result.network()), settings, config.seed(),
                provenance.withDetail("preprocessing", JmlhModel.PREPROCESSING));
    }

    @Override
    protected Checkpoint legacyCheckpoint(Path dir) {
        return JmlhLegacyCheckpoint.read(dir);
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) {
        return JmlhModel.load(archive);
    }
}
