package org.hashing4j.models.methods.bdnn;

import java.io.IOException;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;

/**
 * UH-BDNN, unsupervised hashing with a binary deep neural network (Do, Doan &amp; Cheung, ECCV 2016):
 * an autoencoder-like network whose code layer is pulled onto binary codes B that reconstruct the
 * data, with independence and balance terms on the codes; trained by alternating L-BFGS network
 * steps with discrete coordinate-descent B steps, initialised from ITQ. Hyper-parameters:
 * {@link BdnnSettings}.
 */
public final class UhBdnnMethod implements HashingMethod {
    public static final String NAME = "uh-bdnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "UH-BDNN";
    }

    @Override
    public boolean supervised() {
        return false;
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        return UhBdnnTrainer.train(this, data, config, context).model();
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return BdnnModel.load(archive, NAME);
    }
}
