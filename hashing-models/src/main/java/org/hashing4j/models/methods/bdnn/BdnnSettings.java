package org.hashing4j.models.methods.bdnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodParameter;
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
    /** Largest training set for the explicit m × m pairwise term. */
    static final int MAX_EXPLICIT_PAIRWISE = 5000;

    private static final MethodParameter.Row HIDDEN = new MethodParameter.Row("hidden1, hidden2",
            "hidden layer sizes (the authors’ table)");
    private static final MethodParameter.Row LAMBDAS = new MethodParameter.Row("lambda1..lambda4",
            "weight decay, equality, independence, balance");
    private static final MethodParameter<Integer> HIDDEN1 = MethodParameter.integerPerRun("hidden1", "per bit length",
            "first hidden layer size").listedIn(HIDDEN);
    private static final MethodParameter<Integer> HIDDEN2 = MethodParameter.integerPerRun("hidden2", "per bit length",
            "second hidden layer size").listedIn(HIDDEN);
    private static final MethodParameter<Double> LAMBDA1 = MethodParameter.real("lambda1", "1e-5", "weight decay")
            .listedIn(LAMBDAS);
    private static final MethodParameter<Double> LAMBDA2 = MethodParameter.real("lambda2", "5e-2", "equality term weight")
            .listedIn(LAMBDAS);
    private static final MethodParameter<Double> LAMBDA3 = MethodParameter.real("lambda3", "1e-2", "independence term weight")
            .listedIn(LAMBDAS);
    private static final MethodParameter<Double> LAMBDA4 = MethodParameter.real("lambda4", "0.5e-6", "balance term weight")
            .listedIn(LAMBDAS);
    private static final MethodParameter<Integer> LBFGS_ITERATIONS = MethodParameter.integer("lbfgs_iterations", 100,
            "L-BFGS iterations per network step");
    private static final MethodParameter<Integer> INIT_ITERATIONS = MethodParameter.integer("init_iterations", 300,
            "iterations of the initial network fit");
    private static final MethodParameter<Integer> LBFGS_MEMORY = MethodParameter.integer("lbfgs_memory", 20,
            "L-BFGS correction pairs");
    private static final MethodParameter<Integer> TRAIN_SAMPLES = MethodParameter.integer("train_samples", 20_000,
            "train on at most this many random items (0: all)");
    private static final MethodParameter<Integer> VALIDATION_QUERIES = MethodParameter.integer("validation_queries", 1000,
            "validation queries for keep-best");
    private static final MethodParameter<Boolean> EARLY_STOPPING = MethodParameter.flag("early_stopping", true,
            "stop when validation mAP stops improving");
    private static final MethodParameter<Boolean> INDEPENDENCE_TERM = MethodParameter.flag("independence_term", true,
            "ablation switch");
    private static final MethodParameter<Boolean> BALANCE_TERM = MethodParameter.flag("balance_term", true, "ablation switch");
    private static final MethodParameter<String> PRECISION = MethodParameter.text("precision", "float",
            "network arithmetic (float or double)");
    // The two methods share these two parameters with different defaults (see the class comment).
    private static final MethodParameter<Integer> UH_ALTERNATIONS = alternations(8);
    private static final MethodParameter<Integer> SH_ALTERNATIONS = alternations(20);
    private static final MethodParameter<Integer> UH_PATIENCE = patience(2);
    private static final MethodParameter<Integer> SH_PATIENCE = patience(3);
    private static final MethodParameter<Integer> ITQ_ITERATIONS = MethodParameter.integer("itq_iterations", 50,
            "ITQ iterations for the initial codes");
    private static final MethodParameter<Integer> DCC_SWEEPS = MethodParameter.integer("dcc_sweeps", 10,
            "coordinate-descent sweeps per B step");
    private static final MethodParameter<Integer> VALIDATION_NEIGHBOURS = MethodParameter.integer("validation_neighbours", 100,
            "Euclidean neighbours per validation query");
    private static final MethodParameter<Boolean> RELAXED = MethodParameter.flag("relaxed", false,
            "ablation without B (sign at the end)");
    private static final MethodParameter<Double> LAMBDA5 = MethodParameter.real("lambda5", "1e-2",
            "weight of the pairwise-label term");
    private static final MethodParameter<String> PAIRWISE = MethodParameter.text("pairwise", "factored",
            "label term, factored or explicit (m x m, up to " + MAX_EXPLICIT_PAIRWISE + " items)");

    /** The parameters both methods read. */
    private static final List<MethodParameter<?>> COMMON = List.of(HIDDEN1, HIDDEN2, LAMBDA1, LAMBDA2, LAMBDA3, LAMBDA4,
            LBFGS_ITERATIONS, INIT_ITERATIONS, LBFGS_MEMORY, TRAIN_SAMPLES, VALIDATION_QUERIES, EARLY_STOPPING,
            INDEPENDENCE_TERM, BALANCE_TERM, PRECISION);
    /** UH-BDNN's parameters, in the order {@code hashing methods} lists them. */
    static final List<MethodParameter<?>> UNSUPERVISED = concat(COMMON, UH_ALTERNATIONS, UH_PATIENCE, ITQ_ITERATIONS,
            DCC_SWEEPS, VALIDATION_NEIGHBOURS, RELAXED);
    /** SH-BDNN's parameters, in the order {@code hashing methods} lists them. */
    static final List<MethodParameter<?>> SUPERVISED = concat(COMMON, SH_ALTERNATIONS, SH_PATIENCE, LAMBDA5, PAIRWISE);

    private static MethodParameter<Integer> alternations(int defaultValue) {
        return MethodParameter.integer("alternations", defaultValue, "network-step / B-step rounds");
    }

    private static MethodParameter<Integer> patience(int defaultValue) {
        return MethodParameter.integer("patience", defaultValue, "rounds without a better validation mAP before stopping");
    }

    final boolean supervised;
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
        c.checkKnown(method, new TreeSet<>(MethodParameter.names(supervised ? SUPERVISED : UNSUPERVISED)));
        this.supervised = supervised;
        bits = c.bits();
        seed = c.seed();
        int[] sizes = defaultHiddenSizes(bits);
        hidden1 = MethodSupport.checkRange(method, HIDDEN1.name(), HIDDEN1.read(c, sizes[0]), 1, 1_000_000);
        hidden2 = MethodSupport.checkRange(method, HIDDEN2.name(), HIDDEN2.read(c, sizes[1]), 1, 1_000_000);
        lambda1 = MethodSupport.checkPositive(method, LAMBDA1, c, true);
        lambda2 = MethodSupport.checkPositive(method, LAMBDA2, c, true);
        lambda3 = MethodSupport.checkPositive(method, LAMBDA3, c, true);
        lambda4 = MethodSupport.checkPositive(method, LAMBDA4, c, true);
        lambda5 = supervised ? MethodSupport.checkPositive(method, LAMBDA5, c, false) : 0;
        alternations = MethodSupport.checkRange(method, supervised ? SH_ALTERNATIONS : UH_ALTERNATIONS, c, 0, 10_000);
        lbfgsIterations = MethodSupport.checkRange(method, LBFGS_ITERATIONS, c, 1, 1_000_000);
        initIterations = MethodSupport.checkRange(method, INIT_ITERATIONS, c, 0, 1_000_000);
        lbfgsMemory = MethodSupport.checkRange(method, LBFGS_MEMORY, c, 1, 1000);
        itqIterations = MethodSupport.checkRange(method, ITQ_ITERATIONS, c, 0, 100_000);
        dccSweeps = MethodSupport.checkRange(method, DCC_SWEEPS, c, 1, 10_000);
        trainSamples = MethodSupport.checkRange(method, TRAIN_SAMPLES, c, 0, Integer.MAX_VALUE);
        validationQueries = MethodSupport.checkRange(method, VALIDATION_QUERIES, c, 1, 1_000_000);
        validationNeighbours = MethodSupport.checkRange(method, VALIDATION_NEIGHBOURS, c, 1, 1_000_000);
        patience = MethodSupport.checkRange(method, supervised ? SH_PATIENCE : UH_PATIENCE, c, 1, 10_000);
        earlyStopping = EARLY_STOPPING.read(c);
        independenceTerm = INDEPENDENCE_TERM.read(c);
        balanceTerm = BALANCE_TERM.read(c);
        relaxed = RELAXED.read(c);
        // Read as text and checked here (not a MethodParameter.choice) to keep these messages as they are.
        String pw = PAIRWISE.read(c).toLowerCase(Locale.ROOT);
        if (!pw.equals("factored") && !pw.equals("explicit")) {
            throw new HashingException(method + ": parameter 'pairwise' must be factored or explicit, got '" + pw + "'");
        }
        explicitPairwise = pw.equals("explicit");
        String p = PRECISION.read(c).toLowerCase(Locale.ROOT);
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

    private static List<MethodParameter<?>> concat(List<MethodParameter<?>> first, MethodParameter<?>... more) {
        List<MethodParameter<?>> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    /**
     * The values the method settled itself, which win over what the configuration says when a model
     * records its settings ({@code DeclaredMethod.settings}): the hidden sizes (their default depends on
     * the code length), λ3 and λ4 as 0 when their term is switched off, and the two text choices in
     * the lower case the method uses.
     */
    Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(HIDDEN1.name(), hidden1);
        m.put(HIDDEN2.name(), hidden2);
        m.put(LAMBDA3.name(), independenceTerm ? lambda3 : 0.0);
        m.put(LAMBDA4.name(), balanceTerm ? lambda4 : 0.0);
        if (supervised) {
            m.put(PAIRWISE.name(), explicitPairwise ? "explicit" : "factored");
        }
        m.put(PRECISION.name(), dataType == DataType.DOUBLE ? "double" : "float");
        return m;
    }
}
