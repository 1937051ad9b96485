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

    @Override public org.hashing4j.models.MethodInfo info() { return org.hashing4j.models.MethodInfo.of("Do, Doan & Cheung, \"Learning to hash with binary deep neural network\", ECCV 2016 (SH-BDNN)", "hidden1, hidden2=per bit length: hidden layer sizes (the authors’ table)", "lambda1..lambda4=1e-5, 5e-2, 1e-2, 0.5e-6: weight decay, equality, independence, balance", "lbfgs_iterations=100: L-BFGS iterations per network step", "init_iterations=300: iterations of the initial network fit", "lbfgs_memory=20: L-BFGS correction pairs", "train_samples=20000: train on at most this many random items (0: all)", "validation_queries=1000: validation queries for keep-best", "early_stopping=true: stop when validation mAP stops improving", "independence_term=true: ablation switch", "balance_term=true: ablation switch", "precision=float: network arithmetic (float or double)", "alternations=20: network-step / B-step rounds", "patience=3: rounds without a better validation mAP before stopping", "lambda5=1e-2: weight of the pairwise-label term", "pairwise=factored: label term, factored or explicit (m x m, up to 5000 items)"); }
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
