package org.hashing4j.models.methods.adsh;

import java.util.List;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;

/**
 * ADSH, Asymmetric Deep Supervised Hashing (Jiang &amp; Li, AAAI 2018; METHODS-DEEP.md §1.10 a),
 * registered as {@code adsh}: the training set's codes V are learned directly as binary variables,
 * and the network is trained on a sample Ω of it per outer iteration to fit ⟨tanh(F(x_i)), v_j⟩ to
 * K·S_ij against all of V, alternating with a closed-form bit-by-bit update of V
 * ({@link AdshObjective}). One trainer epoch is one outer iteration ({@code epochs} = T_out).
 *
 * <p>Encoding: the network encodes queries and database alike, sign(W·f + c). The paper uses the
 * learned V as the codes of the training database (the network codes only queries); V is training
 * state here, kept in checkpoints but not in model files, because a hashing4j model maps any rows to
 * codes and experiments encode databases that need not be the training set (and the validation
 * slice is not in V). Note, then, that figures for a database equal to the training set are those of
 * network codes for both sides, not the paper's asymmetric V-for-database protocol.
 *
 * <p>Parameters: {@code gamma} γ (200), {@code sample_size} |Ω| (2000), {@code inner_epochs} T_in (3)
 * — the paper's and the authors' values —, {@code soft_similarity} (true: the authors' code's
 * S = 1 or −#similar/#dissimilar; false: the paper's ±1). Shared settings: the authors' PyTorch
 * code's SGD (momentum 0.9) lr 1e-3, weight decay 5e-4, batch 64, 50 outer iterations, step decay
 * (the authors divide by 10 every 10 iterations: {@code lr_step: 10}; the default is one ×0.1 decay
 * at 80%).
 */
public final class AdshMethod extends DeepHashingMethod {
    static final MethodParameter<Double> GAMMA = MethodParameter.real("gamma", 200,
            "weight of the pull of sampled items' outputs towards their database codes");
    static final MethodParameter<Integer> SAMPLE_SIZE = MethodParameter.integer("sample_size", 2000,
            "database items sampled per outer iteration (all when the training set is smaller)");
    static final MethodParameter<Integer> INNER_EPOCHS = MethodParameter.integer("inner_epochs", 3,
            "passes over the sample per outer iteration (one trainer epoch is one outer iteration)");
    static final MethodParameter<Boolean> SOFT_SIMILARITY = MethodParameter.flag("soft_similarity", true,
            "dissimilar pairs weigh -#similar/#dissimilar (the authors' code) rather than -1 (the paper)");

    /** The method, as the registry builds it. */
    public AdshMethod() {
        super(new Declaration("adsh", "ADSH", true,
                "Jiang, Li, \"Asymmetric Deep Supervised Hashing\", AAAI 2018",
                List.of(GAMMA, SAMPLE_SIZE, INNER_EPOCHS, SOFT_SIMILARITY),
                DeepSettings.Defaults.sgd(50, 64, 1e-3, 5e-4, "step")));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new AdshObjective(positive(GAMMA, config, true), range(SAMPLE_SIZE, config, 1, Integer.MAX_VALUE),
                range(INNER_EPOCHS, config, 1, 1000), SOFT_SIMILARITY.read(name(), config));
    }
}
