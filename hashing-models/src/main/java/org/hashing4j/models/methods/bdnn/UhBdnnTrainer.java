package org.hashing4j.models.methods.bdnn;

import org.hashing4j.models.training.BestNetwork;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.TrainingHistory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.methods.itq.Itq;
import org.hashing4j.models.methods.itq.ItqResult;
import org.hashing4j.models.optim.Lbfgs;
import org.hashing4j.models.training.RetrievalValidation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * UH-BDNN's training (Do et al., ECCV 2016; METHODS.md):
 * <ol>
 *   <li>pre-process (per-dimension minimum, one global range);</li>
 *   <li>initial codes B from ITQ (50 iterations); encoder weights from layer-wise top eigenvectors,
 *       decoder W4 = eye, biases 0; then an L-BFGS fit of the network against the ITQ codes;</li>
 *   <li>alternate: B step by discrete cyclic coordinate descent, network step by L-BFGS;</li>
 *   <li>after every network step, validation mAP (1000 training items as queries, their Euclidean
 *       nearest neighbours as ground truth); keep the best network, stop after {@code patience}
 *       rounds without improvement.</li>
 * </ol>
 * The relaxed ablation replaces B by H in the reconstruction (no equality term, no B step) after the
 * same initial fit, and continues with L-BFGS rounds of the same length.
 *
 * <p>With a checkpoint folder in the training context, the state is saved after the initial fit and
 * after every alternation ({@link BdnnCheckpoints}); a resumed run skips to the next alternation and
 * ends with the same network, codes and history as an uninterrupted one. The ITQ codes and the
 * validation set are recomputed on resume (seeded and deterministic, and cheap next to the fit).
 */
final class UhBdnnTrainer {
    private UhBdnnTrainer() {
    }

    /** The trained model plus what a comparison needs: the ITQ model the run started from. */
    record Outcome(BdnnModel model, ItqResult itq, TrainingHistory history) {
    }

    /** Sees the network after every round (diagnostics and benchmarks; not used in normal training). */
    @FunctionalInterface
    interface RoundObserver {
        void round(int round, BdnnModel networkSoFar);
    }

    static Outcome train(UhBdnnMethod method, FeatureSet data, MethodConfig config, TrainingContext context) {
        return train(method, data, config, context, null);
    }

    static Outcome train(UhBdnnMethod method, FeatureSet data, MethodConfig config, TrainingContext context,
            RoundObserver observer) {
        BdnnSettings s = BdnnSettings.unsupervised(method.name(), config);
        long clock = System.nanoTime(); // when the current round's time began
        FeatureSet train = s.trainSamples > 0 ? MethodSupport.subset(data, s.trainSamples, s.seed) : data;
        MethodSupport.checkSize(method.name(), train, 2);
        MethodSupport.checkBits(method.name(), s.bits, train.dimension(), "the code length cannot exceed the input dimension");
        TrainingListener listener = context.listener();
        int d = train.dimension();
        MinRangeScaler scaler = MinRangeScaler.fit(train.features());
        INDArray x = scaler.apply(train.features(), s.dataType);

        // Checked before the ITQ step so that a resume with other settings is refused at once.
        Map<String, Object> settings = method.effectiveSettings(config, s);
        Map<String, Object> fingerprint = BdnnCheckpoints.fingerprint(method.name(), s, settings, data);
        Checkpoint cp = Checkpoint.resume(context, method.name(), fingerprint);

        listener.phaseStarted(method.name() + ": ITQ initial codes", 0);
        ItqResult itq = Itq.fitWithCodes(train, new MethodConfig(s.bits, s.seed, Map.of("iterations", s.itqIterations)),
                TrainingContext.quiet());
        INDArray b = itq.signs().castTo(s.dataType);
        RetrievalValidation validation = RetrievalValidation.euclidean(train.features(), s.validationQueries,
                s.validationNeighbours, s.seed + 1);
        double itqValidation = validation.meanAveragePrecision(itq.codes());
        listener.phaseFinished(Map.of("validation_map", itqValidation));
        listener.message(String.format(java.util.Locale.ROOT, "ITQ initial codes: validation mAP = %.4f", itqValidation));

        ComputationGraph graph;
        GraphObjective objective;
        TrainingHistory history;
        BestNetwork keeper;
        int first = 1;
        boolean stopped = false;
        Map<String, Object> round;
        Lbfgs.Result r;
        if (cp == null) {
            graph = BdnnNetworks.unsupervised(d, s);
            EigenInitialisation.initialise(graph, x);
            INDArray w4 = graph.getLayer(BdnnNetworks.RECONSTRUCTION).getParam("W");
            w4.assign(0);
            for (int i = 0; i < Math.min(s.bits, d); i++) {
                w4.putScalar(i, i, 1.0); // W4 = eye(D, L) in the paper's orientation
            }
            graph.getLayer(BdnnNetworks.RECONSTRUCTION).getParam("b").assign(0);
            // The network step minimises J over all (W, c): the decoder exactly (DecoderStep), the
            // encoder by L-BFGS with the decoder fixed.
            objective = encoderObjective(graph, s);
            setUnsupervisedData(objective, x, b);

            history = new TrainingHistory();
            round = history.round(0);
            round.put("J_start", objective.value());
            solveDecoder(graph, x, b, s.lambda1);
            r = NetworkStep.run(objective, s.initIterations, s.lbfgsMemory, listener,
                    method.name() + ": initial fit to the ITQ codes");
            recordStep(round, r);
            INDArray h0 = BdnnTraining.codeLayer(graph, x, b);
            round.put("code_agreement", agreement(h0, b));
            validate(history, round, validation, h0, listener);
            observe(observer, 0, method.name(), scaler, d, s, graph);

            if (s.relaxed) {
                ComputationGraph relaxed = BdnnNetworks.relaxed(d, s);
                List<String> layers = BdnnTraining.encoderLayers();
                layers.add(BdnnNetworks.RECONSTRUCTION);
                BdnnTraining.copyLayers(graph, relaxed, layers);
                graph = relaxed;
                objective = relaxedObjective(graph, x, s);
            }
            keeper = new BestNetwork(graph, s.earlyStopping, s.patience);
            history.timed(round, MethodSupport.secondsSince(clock));
            clock = System.nanoTime();
            BdnnCheckpoints.write(context, method.name(), 0, fingerprint, graph, b, history, keeper, false);
        } else {
            // The network being alternated, built as above; its parameters come from the checkpoint.
            graph = s.relaxed ? BdnnNetworks.relaxed(d, s) : BdnnNetworks.unsupervised(d, s);
            objective = s.relaxed ? relaxedObjective(graph, x, s) : encoderObjective(graph, s);
            BdnnCheckpoints.Resumed resumed = BdnnCheckpoints.resume(method.name(), cp, graph, s, listener);
            keeper = resumed.keeper();
            b = resumed.b();
            history = resumed.history();
            first = resumed.nextRound();
            stopped = resumed.stopped();
        }

        for (int t = first; !stopped && t <= s.alternations; t++) {
            round = history.round(t);
            if (!s.relaxed) {
                INDArray h = BdnnTraining.codeLayer(graph, x, b);
                INDArray w = graph.getLayer(BdnnNetworks.RECONSTRUCTION).getParam("W");
                INDArray c = graph.getLayer(BdnnNetworks.RECONSTRUCTION).getParam("b");
                double before = DiscreteCodeStep.objective(x, h, w, c, b, s.lambda2);
                INDArray nb = DiscreteCodeStep.update(x, h, w, c, b, s.lambda2, s.dccSweeps);
                double after = DiscreteCodeStep.objective(x, h, w, c, nb, s.lambda2);
                round.put("b_step_objective_before", before);
                round.put("b_step_objective_after", after);
                round.put("b_step_bits_changed", bitsChanged(nb, b));
                b = nb;
                setUnsupervisedData(objective, x, b);
                round.put("J_start", objective.value());
                solveDecoder(graph, x, b, s.lambda1);
            }
            r = NetworkStep.run(objective, s.lbfgsIterations, s.lbfgsMemory, listener,
                    method.name() + ": alternation " + t + "/" + s.alternations);
            recordStep(round, r);
            INDArray h = s.relaxed ? BdnnTraining.codeLayer(graph, x) : BdnnTraining.codeLayer(graph, x, b);
            if (!s.relaxed) {
                round.put("code_agreement", agreement(h, b));
            }
            boolean better = validate(history, round, validation, h, listener);
            observe(observer, t, method.name(), scaler, d, s, graph);
            stopped = !keeper.keepTraining(better, method.name(), history, listener);
            history.timed(round, MethodSupport.secondsSince(clock));
            clock = System.nanoTime();
            BdnnCheckpoints.write(context, method.name(), t, fingerprint, graph, b, history, keeper, stopped);
        }
        keeper.restore();

        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("training_items_used", train.size());
        prov.put("itq_validation_map", itqValidation);
        prov.put("history", history.toMap());
        prov.put("training_seconds", history.seconds()); // summed over the rounds, so a resume does not reset it
        BdnnModel model = new BdnnModel(method.name(), scaler, BdnnNetworks.encoder(d, s, graph), s.bits,
                ModelProvenance.of(method, config, context, train, settings, prov));
        return new Outcome(model, itq, history);
    }

    /** Shows {@code observer} (if any) the network after {@code round}, as a model without provenance. */
    static void observe(RoundObserver observer, int round, String method, MinRangeScaler scaler, int d,
            BdnnSettings s, ComputationGraph graph) {
        if (observer != null) {
            observer.round(round, new BdnnModel(method, scaler, BdnnNetworks.encoder(d, s, graph), s.bits, null));
        }
    }

    /** UH-BDNN's network-step objective: the encoder is trained, the decoder solved exactly. */
    private static GraphObjective encoderObjective(ComputationGraph graph, BdnnSettings s) {
        return new GraphObjective(graph, BdnnNetworks.WEIGHT_LAYERS, s.lambda1, BdnnTraining.encoderLayers());
    }

    /** The relaxed ablation's objective: all parameters, reconstruction from H, data fixed. */
    private static GraphObjective relaxedObjective(ComputationGraph graph, INDArray x, BdnnSettings s) {
        GraphObjective objective = new GraphObjective(graph, BdnnNetworks.WEIGHT_LAYERS, s.lambda1);
        objective.setData(new INDArray[] {x}, BdnnTraining.labelsFor(graph, Map.of(BdnnNetworks.RECONSTRUCTION, x)));
        return objective;
    }

    /**
     * Entries where B changed, as an Integer: the history goes through a checkpoint's JSON, which
     * reads small whole numbers back as Integer, and a resumed run's history must equal a straight one's.
     */
    static int bitsChanged(INDArray nb, INDArray b) {
        return nb.neq(b).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue();
    }

    private static void solveDecoder(ComputationGraph graph, INDArray x, INDArray b, double lambda1) {
        DecoderStep.solve(x, b, lambda1, graph.getLayer(BdnnNetworks.RECONSTRUCTION).getParam("W"),
                graph.getLayer(BdnnNetworks.RECONSTRUCTION).getParam("b"));
    }

    private static void setUnsupervisedData(GraphObjective objective, INDArray x, INDArray b) {
        ComputationGraph g = objective.graph();
        Map<String, INDArray> labels = new LinkedHashMap<>();
        labels.put(BdnnNetworks.EQUALITY, b);
        labels.put(BdnnNetworks.RECONSTRUCTION, x);
        objective.setData(new INDArray[] {x, b}, BdnnTraining.labelsFor(g, labels));
    }

    /** Fraction of entries where sign(H) equals B. */
    static double agreement(INDArray h, INDArray b) {
        return BdnnTraining.signMatrix(h).eq(b).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
    }

    static void recordStep(Map<String, Object> round, Lbfgs.Result r) {
        round.put("J_before", r.valueHistory()[0]);
        round.put("J_after", r.value());
        round.put("lbfgs_iterations", r.iterations());
        round.put("lbfgs_evaluations", r.evaluations());
        round.put("lbfgs_stop", r.stop().name());
    }

    static boolean validate(TrainingHistory history, Map<String, Object> round, RetrievalValidation validation,
            INDArray h, TrainingListener listener) {
        return reportValidation(history, round, validation.meanAveragePrecision(BdnnTraining.signs(h)), listener);
    }

    /** Records a round's validation mAP, reports it, and says whether it is the best so far. */
    static boolean reportValidation(TrainingHistory history, Map<String, Object> round, double map,
            TrainingListener listener) {
        boolean better = history.validation(round, map);
        listener.message("round " + round.get("round") + ": J = " + round.get("J_after") + ", validation mAP = "
                + String.format(java.util.Locale.ROOT, "%.4f", map) + (better ? " (best so far)" : "")
                + (round.containsKey("code_agreement") ? ", sign(H) = B for " + round.get("code_agreement") : ""));
        return better;
    }
}
