package org.hashing4j.models.methods.jmlh;

import java.nio.file.Path;
import java.util.Set;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.training.DeepTrainer;

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

    @Override
    public String name() {
        return NAME;
    }

    @Override public org.hashing4j.models.MethodInfo info() { return org.hashing4j.models.MethodInfo.of("Shen et al., \"Embarrassingly simple binary representation learning\" (JMLH), ICCV 2019 workshops", "epochs=10: passes over the training data", "batch_size=256: mini-batch size", "learning_rate=1e-3: Adam learning rate", "lambda=0.1: weight of the KL prior on the bits", "backbone=cnn for images, else mlp: cnn or mlp", "hidden=1024,512: MLP hidden layer sizes", "layout=nhwc: CNN tensor layout (nhwc or nchw)", "validation_size=0: items held out for validation mAP and best-model keeping", "encode_batch_size=1000: rows per forward pass when encoding"); }
    @Override
    public String displayName() {
        return "JMLH";
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
        return DeepSettings.Defaults.adam(10, 256, 1e-3);
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new JmlhObjective(MethodSupport.checkPositive(NAME, "lambda", config.getDouble("lambda", 0.1), true));
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
