package org.hashing4j.models.methods.jmlh;

import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;

/**
 * JMLH, "Just Maximizing Likelihood Hashing" (Shen et al., "Embarrassingly Simple Binary
 * Representation Learning"): a classifier with a stochastic binary bottleneck, trained end to end;
 * the bottleneck's bits are the hash codes. Supervised (single- or multi-label).
 *
 * <p>Parameters (see {@link JmlhSettings}): epochs, batchSize, learningRate, lambda, backbone
 * (cnn|mlp), hidden, layout, validationSize, encodeBatchSize. To train on a subset, give it a subset
 * (the experiment runner's {@code train_size}).
 */
public final class JmlhMethod implements HashingMethod {
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
    public JmlhModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        return new JmlhTrainer(data, config, context == null ? TrainingContext.quiet() : context).train();
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) {
        return JmlhModel.load(archive);
    }
}
