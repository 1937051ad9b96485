package org.hashing4j.models.methods.bdnn;

import java.io.IOException;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;

/**
 * SH-BDNN, supervised hashing with a binary deep neural network (Do, Doan &amp; Cheung, ECCV 2016):
 * the code layer's inner products should match the pairwise label similarity S (+1 same class, −1
 * otherwise), with equality, independence and balance terms; trained by alternating L-BFGS network
 * steps with B = sign(H). Works on single- and multi-label data. Hyper-parameters:
 * {@link BdnnSettings}.
 */
public final class ShBdnnMethod implements HashingMethod {
    public static final String NAME = "sh-bdnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "SH-BDNN";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        return ShBdnnTrainer.train(this, data, config, context).model();
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return BdnnModel.load(archive, NAME);
    }
}
