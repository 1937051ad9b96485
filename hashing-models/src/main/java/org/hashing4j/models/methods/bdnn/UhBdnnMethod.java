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
 * UH-BDNN, unsupervised hashing with a binary deep neural network (Do, Doan &amp; Cheung, ECCV 2016):
 * an autoencoder-like network whose code layer is pulled onto binary codes B that reconstruct the
 * data, with independence and balance terms on the codes; trained by alternating L-BFGS network
 * steps with discrete coordinate-descent B steps, initialised from ITQ. Hyper-parameters:
 * {@link BdnnSettings}.
 */
public final class UhBdnnMethod extends DeclaredMethod {
    public static final String NAME = "uh-bdnn";
    private static final Declaration DECLARATION = new Declaration(NAME, "UH-BDNN", false,
            "Do, Doan & Cheung, \"Learning to hash with binary deep neural network\", ECCV 2016 (UH-BDNN)",
            BdnnSettings.UNSUPERVISED);

    public UhBdnnMethod() {
        super(DECLARATION);
    }

    /** Reads and checks every setting (names, ranges) without training. */
    @Override
    public void check(MethodConfig config) {
        BdnnSettings.unsupervised(name(), config);
    }

    /** The settings a model records and a checkpoint must match: every parameter, as {@code s} resolved it. */
    Map<String, Object> effectiveSettings(MethodConfig config, BdnnSettings s) {
        return settings(config, s.resolved());
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
