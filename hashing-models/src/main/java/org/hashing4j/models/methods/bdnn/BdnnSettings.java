package org.hashing4j.models.methods.bdnn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodSupport;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Hyper-parameters of UH-BDNN and SH-BDNN, read from a {@link MethodConfig} with the paper's
 * defaults where the paper gives them (METHODS.md) and documented defaults chosen for speed where it
 * does not (iteration counts and training-set size; the authors' settings are
 * {@code alternations: 20, lbfgs_iterations: 400, init_iterations: 400, train_samples: 0}).
 *
 * <p>Parameters (snake_case, as in experiment files):
 * <ul>
 *   <li>{@code hidden1}, {@code hidden2} — hidden layer sizes; default the authors' per bit length
 *       (L ≤ 8: 90, 20 · ≤ 16: 90, 30 · ≤ 24: 100, 40 · ≤ 32: 120, 50 · larger L: 4L, 2L).</li>
 *   <li>{@code lambda1} … {@code lambda4} — weight decay, equality, independence, balance
 *       (1e-5, 5e-2, 1e-2, 0.5e-6); {@code lambda5} — SH-BDNN's pairwise-label weight (1e-2).</li>
 *   <li>{@code alternations} — outer network-step / B-step rounds (paper 20; default 8 for UH-BDNN,
 *       whose validation mAP peaks after a few rounds, and 20 for SH-BDNN, which keeps improving).</li>
 *   <li>{@code lbfgs_iterations} — L-BFGS iterations per network step (default 100; paper 400);
 *       {@code init_iterations} — iterations of the initial network fit (default 300: the
 *       sigmoid layers start saturated by the eigenvector initialisation and need them).</li>
 *   <li>{@code lbfgs_memory} — L-BFGS correction pairs (20).</li>
 *   <li>{@code itq_iterations} — ITQ iterations for UH-BDNN's initial codes (50);
 *       {@code dcc_sweeps} — coordinate-descent sweeps per B step (10).</li>
 *   <li>{@code train_samples} — train on at most this many random items (default 20000; 0 = all).</li>
 *   <li>{@code validation_queries} (1000: UH-BDNN draws them from its training items and scores
 *       them against their {@code validation_neighbours} (100) Euclidean neighbours, the authors'
 *       protocol; SH-BDNN holds them out of training and scores them by label),
 *       {@code patience} (alternations without a better validation mAP before training stops and the
 *       best network is kept: 2 for UH-BDNN, 3 for SH-BDNN, whose held-out mAP is noisier),
 *       {@code early_stopping} (true).</li>
 *   <li>Ablations: {@code independence_term} (true), {@code balance_term} (true), {@code relaxed}
 *       (false: UH-BDNN without B — reconstruct from H, sign at the end).</li>
 *   <li>{@code pairwise} — SH-BDNN's label term, {@code factored} (default) or {@code explicit}
 *       (an m × m S, only for training sets up to 5000 items).</li>
 *   <li>{@code precision} — {@code float} (default) or {@code double} network arithmetic.</li>
 * </ul>
 */
public final class BdnnSettings {
    static final Set<String> COMMON = Set.of("hidden1", "hidden2", "lambda1", "lambda2", "lambda3", "lambda4",
            "alternations", "lbfgs_iterations", "init_iterations", "lbfgs_memory", "train_samples",
            "validation_queries", "patience", "early_stopping", "independence_term", "balance_term", "precision");
    static final Set<String> UH_ONLY = Set.of("itq_iterations", "dcc_sweeps", "validation_neighbours", "relaxed");
    static final Set<String> SH_ONLY = Set.of("lambda5", "pairwise");
    /** Largest training set for the explicit m × m pairwise term. */
    static final int MAX_EXPLICIT_PAIRWISE = 5000;

    final int bits;
    final long seed;
    final int hidden1;
    final int hidden2;
    final double lambda1;
    final double lambda2;
    final double lambda3;
    final double lambda4;
    final double lambda5;
    final int alternations;
    final int lbfgsIterations;
    final int initIterations;
    final int lbfgsMemory;
    final int itqIterations;
    final int dccSweeps;
    final int trainSamples;
    final int validationQueries;
    final int validationNeighbours;
    final int patience;
    final boolean earlyStopping;
    final boolean independenceTerm;
    final boolean balanceTerm;
    final boolean relaxed;
    final boolean explicitPairwise;
    final DataType dataType;

    private BdnnSettings(String method, MethodConfig c, boolean supervised) {
        Set<String> known = new TreeSet<>(COMMON);
        known.addAll(supervised ? SH_ONLY : UH_ONLY);
        c.checkKnown(method, known);
        bits = c.bits();
        seed = c.seed();
        int[] sizes = defaultHiddenSizes(bits);
        hidden1 = MethodSupport.checkRange(method, "hidden1", c.getInt("hidden1", sizes[0]), 1, 1_000_000);
        hidden2 = MethodSupport.checkRange(method, "hidden2", c.getInt("hidden2", sizes[1]), 1, 1_000_000);
        lambda1 = MethodSupport.checkPositive(method, "lambda1", c.getDouble("lambda1", 1e-5), true);
        lambda2 = MethodSupport.checkPositive(method, "lambda2", c.getDouble("lambda2", 5e-2), true);
        lambda3 = MethodSupport.checkPositive(method, "lambda3", c.getDouble("lambda3", 1e-2), true);
        lambda4 = MethodSupport.checkPositive(method, "lambda4", c.getDouble("lambda4", 0.5e-6), true);
        lambda5 = supervised ? MethodSupport.checkPositive(method, "lambda5", c.getDouble("lambda5", 1e-2), false) : 0;
        alternations = MethodSupport.checkRange(method, "alternations",
                c.getInt("alternations", supervised ? 20 : 8), 0, 10_000);
        lbfgsIterations = MethodSupport.checkRange(method, "lbfgs_iterations", c.getInt("lbfgs_iterations", 100), 1, 1_000_000);
        initIterations = MethodSupport.checkRange(method, "init_iterations", c.getInt("init_iterations", 300), 0, 1_000_000);
        lbfgsMemory = MethodSupport.checkRange(method, "lbfgs_memory", c.getInt("lbfgs_memory", 20), 1, 1000);
        itqIterations = MethodSupport.checkRange(method, "itq_iterations", c.getInt("itq_iterations", 50), 0, 100_000);
        dccSweeps = MethodSupport.checkRange(method, "dcc_sweeps", c.getInt("dcc_sweeps", 10), 1, 10_000);
        trainSamples = MethodSupport.checkRange(method, "train_samples", c.getInt("train_samples", 20_000), 0, Integer.MAX_VALUE);
        validationQueries = MethodSupport.checkRange(method, "validation_queries", c.getInt("validation_queries", 1000), 1, 1_000_000);
        validationNeighbours = MethodSupport.checkRange(method, "validation_neighbours", c.getInt("validation_neighbours", 100), 1, 1_000_000);
        patience = MethodSupport.checkRange(method, "patience", c.getInt("patience", supervised ? 3 : 2), 1, 10_000);
        earlyStopping = c.getBoolean("early_stopping", true);
        independenceTerm = c.getBoolean("independence_term", true);
        balanceTerm = c.getBoolean("balance_term", true);
        relaxed = c.getBoolean("relaxed", false);
        String pw = c.getString("pairwise", "factored").trim().toLowerCase(Locale.ROOT);
        if (!pw.equals("factored") && !pw.equals("explicit")) {
            throw new HashingException(method + ": parameter 'pairwise' must be factored or explicit, got '" + pw + "'");
        }
        explicitPairwise = pw.equals("explicit");
        String p = c.getString("precision", "float").trim().toLowerCase(Locale.ROOT);
        if (!p.equals("float") && !p.equals("double")) {
            throw new HashingException(method + ": parameter 'precision' must be float or double, got '" + p + "'");
        }
        dataType = p.equals("double") ? DataType.DOUBLE : DataType.FLOAT;
        if (bits > hidden2) {
            throw new HashingException(method + " can learn at most hidden2 = " + hidden2 + " bits with these layer sizes, "
                    + bits + " requested (raise hidden2)");
        }
    }

    static BdnnSettings unsupervised(String method, MethodConfig c) {
        return new BdnnSettings(method, c, false);
    }

    static BdnnSettings supervised(String method, MethodConfig c) {
        return new BdnnSettings(method, c, true);
    }

    /** The authors' hidden sizes for L = 8, 16, 24, 32 (the next listed size for other L ≤ 32; 4L, 2L above). */
    static int[] defaultHiddenSizes(int bits) {
        if (bits <= 8) {
            return new int[] {90, 20};
        } else if (bits <= 16) {
            return new int[] {90, 30};
        } else if (bits <= 24) {
            return new int[] {100, 40};
        } else if (bits <= 32) {
            return new int[] {120, 50};
        }
        return new int[] {4 * bits, 2 * bits};
    }

    /** Effective values, for provenance. */
    Map<String, Object> toMap(boolean supervised) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden1", hidden1);
        m.put("hidden2", hidden2);
        m.put("lambda1", lambda1);
        m.put("lambda2", lambda2);
        m.put("lambda3", independenceTerm ? lambda3 : 0.0);
        m.put("lambda4", balanceTerm ? lambda4 : 0.0);
        if (supervised) {
            m.put("lambda5", lambda5);
            m.put("pairwise", explicitPairwise ? "explicit" : "factored");
        } else {
            m.put("itq_iterations", itqIterations);
            m.put("dcc_sweeps", dccSweeps);
            m.put("validation_neighbours", validationNeighbours);
            m.put("relaxed", relaxed);
        }
        m.put("alternations", alternations);
        m.put("lbfgs_iterations", lbfgsIterations);
        m.put("init_iterations", initIterations);
        m.put("lbfgs_memory", lbfgsMemory);
        m.put("train_samples", trainSamples);
        m.put("validation_queries", validationQueries);
        m.put("patience", patience);
        m.put("early_stopping", earlyStopping);
        m.put("independence_term", independenceTerm);
        m.put("balance_term", balanceTerm);
        m.put("precision", dataType == DataType.DOUBLE ? "double" : "float");
        return m;
    }
}
