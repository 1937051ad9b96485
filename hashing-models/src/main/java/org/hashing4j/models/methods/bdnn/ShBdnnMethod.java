package org.hashing4j.models.methods.bdnn;

import java.io.IOException;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.DeclaredMethod;
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
public final class ShBdnnMethod extends DeclaredMethod {
    public static final String NAME = "sh-bdnn";
    private static final Declaration DECLARATION = new Declaration(NAME, "SH-BDNN", true,
            "Do, Doan & Cheung, \"Learning to hash with binary deep neural network\", ECCV 2016 (SH-BDNN)",
            BdnnSettings.SUPERVISED);

    public ShBdnnMethod() {
        super(DECLARATION);
    }

    /** Reads and checks every setting (names, ranges) without training. */
    @Override
    public void check(MethodConfig config) {
        BdnnSettings.supervised(name(), config);
    }

    /** The settings a model records and a checkpoint must match: every parameter, as {@code s} resolved it. */
    Map<String, Object> effectiveSettings(MethodConfig config, BdnnSettings s) {
        return settings(config, s.resolved());
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
