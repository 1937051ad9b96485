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

    @Override public org.hashing4j.models.MethodInfo info() { return org.hashing4j.models.MethodInfo.of("Do, Doan & Cheung, \"Learning to hash with binary deep neural network\", ECCV 2016 (UH-BDNN)", "hidden1, hidden2=per bit length: hidden layer sizes (the authors’ table)", "lambda1..lambda4=1e-5, 5e-2, 1e-2, 0.5e-6: weight decay, equality, independence, balance", "lbfgs_iterations=100: L-BFGS iterations per network step", "init_iterations=300: iterations of the initial network fit", "lbfgs_memory=20: L-BFGS correction pairs", "train_samples=20000: train on at most this many random items (0: all)", "validation_queries=1000: validation queries for keep-best", "early_stopping=true: stop when validation mAP stops improving", "independence_term=true: ablation switch", "balance_term=true: ablation switch", "precision=float: network arithmetic (float or double)", "alternations=8: network-step / B-step rounds", "patience=2: rounds without a better validation mAP before stopping", "itq_iterations=50: ITQ iterations for the initial codes", "dcc_sweeps=10: coordinate-descent sweeps per B step", "validation_neighbours=100: Euclidean neighbours per validation query", "relaxed=false: ablation without B (sign at the end)"); }
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
