package org.hashing4j.models.methods.bdnn;

import org.hashing4j.models.training.BestNetwork;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.TrainingHistory;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.linalg.RbfAnchorFeatures;
import org.hashing4j.models.optim.Lbfgs;
import org.hashing4j.models.training.RetrievalValidation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SH-BDNN's training: network x → h1 → h2 → code, objective
 * λ5/(2m)‖(1/L)HᵀH − S‖² + λ1/2Σ‖W‖² + λ2/(2m)‖H − B‖² + λ3/2‖(1/m)HHᵀ − I‖² + λ4/(2m)‖H1‖²,
 * alternating an L-BFGS network step with the B step B = sign(H). The encoder starts from the same
 * layer-wise eigenvector initialisation as UH-BDNN and B from sign(H) of that network.
 *
 * <p>Memory: the pairwise term is computed in factored form (S = 2YYᵀ − 1 from the m × C label
 * matrix Y; see {@link org.hashing4j.models.layers.PairwiseSimilarityLoss}), so no m × m matrix is
 * formed and m = 60,000 costs O(m·(L + C)) memory. For single-label data this is exactly the paper's
 * S; for multi-label data a pair sharing k labels gets the target 2k − 1 (a graded similarity)
 * instead of +1. {@code pairwise: explicit} builds the paper's S exactly as an m × m matrix, for
 * training sets of at most 5000 items.
 *
 * <p>Early stopping: the network fits its own training labels ever better (its mAP on training
 * queries keeps rising long after test mAP has levelled off), so validation queries are held out of
 * training and scored by label mAP against the training items.
 *
 * <p>Checkpoints and resume as in {@link UhBdnnTrainer} ({@link BdnnCheckpoints}).
 */
final class ShBdnnTrainer {
    private ShBdnnTrainer() {
    }

    record Outcome(BdnnModel model, TrainingHistory history) {
    }

    static Outcome train(ShBdnnMethod method, FeatureSet data, MethodConfig config, TrainingContext context) {
        return train(method, data, config, context, null);
    }

    static Outcome train(ShBdnnMethod method, FeatureSet data, MethodConfig config, TrainingContext context,
            UhBdnnTrainer.RoundObserver observer) {
        BdnnSettings s = BdnnSettings.supervised(method.name(), config);
        data.requireLabels(method.displayName());
        long clock = System.nanoTime(); // when the current round's time began
        Split split = split(data, s);
        FeatureSet train = split.train();
        MethodSupport.checkSize(method.name(), train, 2);
        if (s.explicitPairwise && train.size() > BdnnSettings.MAX_EXPLICIT_PAIRWISE) {
            throw new HashingException(method.name() + ": pairwise: explicit builds an m x m matrix and allows at most "
                    + BdnnSettings.MAX_EXPLICIT_PAIRWISE + " training items, got " + train.size()
                    + " (use pairwise: factored or set train_samples)");
        }
        TrainingListener listener = context.listener();
        int d = train.dimension();
        MinRangeScaler scaler = MinRangeScaler.fit(train.features());
        INDArray x = scaler.apply(train.features(), s.dataType);
        INDArray y = labelMatrix(train.labels()).castTo(s.dataType);
        RetrievalValidation validation = RetrievalValidation.heldOutLabels(split.validation().labels(), train.labels());
        INDArray validationX = scaler.apply(split.validation().features(), s.dataType);

        ComputationGraph graph = BdnnNetworks.supervised(d, s);
        GraphObjective objective = new GraphObjective(graph, BdnnNetworks.WEIGHT_LAYERS, s.lambda1);
        Map<String, Object> settings = method.effectiveSettings(config, s);
        Map<String, Object> fingerprint = BdnnCheckpoints.fingerprint(method.name(), s, settings, data);
        Checkpoint cp = Checkpoint.resume(context, method.name(), fingerprint);
        TrainingHistory history;
        BestNetwork keeper;
        INDArray b;
        int first = 1;
        boolean stopped = false;
        Map<String, Object> round;
        Lbfgs.Result r;
        if (cp == null) {
            EigenInitialisation.initialise(graph, x);
            b = BdnnTraining.signMatrix(BdnnTraining.codeLayer(graph, x));
            setData(objective, x, y, b);

            history = new TrainingHistory();
            round = history.round(0);
            r = NetworkStep.run(objective, s.initIterations, s.lbfgsMemory, listener,
                    method.name() + ": initial network step");
            UhBdnnTrainer.recordStep(round, r);
            validate(history, round, validation, graph, x, validationX, listener);
            UhBdnnTrainer.observe(observer, 0, method.name(), scaler, d, s, graph);
            keeper = new BestNetwork(graph, s.earlyStopping, s.patience);
            history.timed(round, MethodSupport.secondsSince(clock));
            clock = System.nanoTime();
            BdnnCheckpoints.write(context, method.name(), 0, fingerprint, graph, b, history, keeper, false);
        } else {
            BdnnCheckpoints.Resumed resumed = BdnnCheckpoints.resume(method.name(), cp, graph, s, listener);
            keeper = resumed.keeper();
            b = resumed.b();
            history = resumed.history();
            first = resumed.nextRound();
            stopped = resumed.stopped();
        }
        for (int t = first; !stopped && t <= s.alternations; t++) {
            round = history.round(t);
            INDArray nb = BdnnTraining.signMatrix(BdnnTraining.codeLayer(graph, x));
            round.put("b_step_bits_changed", UhBdnnTrainer.bitsChanged(nb, b));
            b = nb;
            setData(objective, x, y, b);
            r = NetworkStep.run(objective, s.lbfgsIterations, s.lbfgsMemory, listener,
                    method.name() + ": alternation " + t + "/" + s.alternations);
            UhBdnnTrainer.recordStep(round, r);
            boolean better = validate(history, round, validation, graph, x, validationX, listener);
            UhBdnnTrainer.observe(observer, t, method.name(), scaler, d, s, graph);
            stopped = !keeper.keepTraining(better, method.name(), history, listener);
            history.timed(round, MethodSupport.secondsSince(clock));
            clock = System.nanoTime();
            BdnnCheckpoints.write(context, method.name(), t, fingerprint, graph, b, history, keeper, stopped);
        }
        keeper.restore();

        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("training_items_used", train.size());
        prov.put("validation", "early stopping on the label mAP of " + split.validation().size()
                + " held-out items (not trained on) against the training items");
        prov.put("history", history.toMap());
        prov.put("training_seconds", history.seconds()); // summed over the rounds, so a resume does not reset it
        BdnnModel model = new BdnnModel(method.name(), scaler, BdnnNetworks.encoder(d, s, graph), s.bits,
                ModelProvenance.of(method, config, context, train, settings, prov));
        return new Outcome(model, history);
    }

    /** The training items and the held-out validation queries. */
    record Split(FeatureSet train, FeatureSet validation) {
    }

    /**
     * Draws (seeded) the validation queries and the training items, disjoint: validation_queries
     * items (at most a fifth of the data) are held out, and at most train_samples of the rest are
     * trained on (all of them when train_samples is 0).
     */
    static Split split(FeatureSet data, BdnnSettings s) {
        int n = data.size();
        int held = Math.min(s.validationQueries, n / 5);
        if (held < 1) {
            throw new HashingException("sh-bdnn needs at least 5 training items to hold out a validation query, got " + n);
        }
        int trainCount = s.trainSamples > 0 ? Math.min(s.trainSamples, n - held) : n - held;
        int[] order = RbfAnchorFeatures.sampleRows(n, held + trainCount, new java.util.Random(s.seed));
        int[] validation = java.util.Arrays.copyOfRange(order, 0, held);
        int[] train = java.util.Arrays.copyOfRange(order, held, order.length);
        java.util.Arrays.sort(validation);
        java.util.Arrays.sort(train);
        String what = trainCount < n - held ? "random " + trainCount : "all but " + held + " held out";
        return new Split(data.select(train, data.name() + "[" + what + "]"),
                data.select(validation, data.name() + "[" + held + " validation queries]"));
    }

    private static boolean validate(TrainingHistory history, Map<String, Object> round, RetrievalValidation validation,
            ComputationGraph graph, INDArray x, INDArray validationX, TrainingListener listener) {
        double map = validation.meanAveragePrecision(BdnnTraining.signs(BdnnTraining.codeLayer(graph, validationX)),
                BdnnTraining.signs(BdnnTraining.codeLayer(graph, x)));
        return UhBdnnTrainer.reportValidation(history, round, map, listener);
    }

    private static void setData(GraphObjective objective, INDArray x, INDArray y, INDArray b) {
        Map<String, INDArray> labels = new LinkedHashMap<>();
        labels.put(BdnnNetworks.PAIRWISE, y);
        labels.put(BdnnNetworks.EQUALITY, b);
        objective.setData(new INDArray[] {x}, BdnnTraining.labelsFor(objective.graph(), labels));
    }

    /** The m × C 0/1 label matrix (one-hot for single-label data). */
    static INDArray labelMatrix(Labels labels) {
        int[][] hot = labels.toMultiHot(0);
        float[][] f = new float[hot.length][];
        for (int i = 0; i < hot.length; i++) {
            f[i] = new float[hot[i].length];
            for (int j = 0; j < hot[i].length; j++) {
                f[i][j] = hot[i][j];
            }
        }
        return Nd4j.create(f);
    }
}
