package org.hashing4j.models.methods.bdnn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.training.BestNetwork;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.TrainingHistory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How UH-BDNN and SH-BDNN keep their alternating optimisation in a {@link Checkpoint}, written
 * after the initial network fit (step 0) and after every alternation. Nothing in a round is random
 * (L-BFGS, the exact decoder, the B step and validation are deterministic given the data and the
 * seeded initialisation), so the network's parameters, the codes B, the history and the keep-best
 * state are all a resumed run needs to end exactly where an uninterrupted one would.
 *
 * <p>Array groups: {@code network/params} (the whole flattened parameter vector of the network
 * being alternated — for the relaxed ablation, the relaxed network), {@code codes/b} (B, m × L, ±1),
 * {@code best/params} (the network kept by {@link BestNetwork}). State: {@code history}
 * ({@link TrainingHistory#toMap}), {@code rounds_since_best}, {@code stopped} (early stopping has
 * ended the run).
 */
final class BdnnCheckpoints {
    private static final String NETWORK = "network";
    private static final String CODES = "codes";
    private static final String BEST = "best";
    private static final String PARAMS = "params";

    private BdnnCheckpoints() {
    }

    /**
     * What must match for a resume: method, code length, seed, every setting but the number of
     * alternations (which may grow), and the data (size, dimension, checksum).
     */
    static Map<String, Object> fingerprint(String method, BdnnSettings s, Map<String, Object> settings, FeatureSet data) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("method", method);
        f.put("bits", s.bits);
        f.put("seed", s.seed);
        Map<String, Object> kept = new LinkedHashMap<>(settings);
        kept.remove("alternations");
        f.put("settings", kept);
        f.put("items", data.size());
        f.put("dimension", data.dimension());
        f.put("data", Checkpoint.dataChecksum(data));
        return f;
    }

    /** Writes the state after {@code round} (0 = the initial fit) when the context has a checkpoint folder. */
    static void write(TrainingContext context, String method, int round, Map<String, Object> fingerprint,
            ComputationGraph graph, INDArray b, TrainingHistory history, BestNetwork keeper, boolean stopped) {
        // The history file goes with every alternation, checkpoint folder or not.
        org.hashing4j.models.training.HistoryFiles.write(context, history.rounds());
        if (context.checkpointDir() == null) {
            return;
        }
        Checkpoint.builder(method, round, fingerprint)
                .state("history", history.toMap())
                .state("rounds_since_best", keeper.roundsSinceBest())
                .state("stopped", stopped)
                .array(NETWORK, PARAMS, graph.params())
                .array(CODES, "b", b)
                .array(BEST, PARAMS, keeper.bestParameters())
                .write(context.checkpointDir());
    }

    /**
     * A run's state as a checkpoint restores it: the next round to run, B, the history, whether it had
     * stopped, and the keep-best state.
     */
    record Resumed(int nextRound, INDArray b, TrainingHistory history, boolean stopped, BestNetwork keeper) {
    }

    /**
     * Puts the checkpoint's parameters into {@code graph} (built like the one that was saved) and its
     * keep-best state into a new {@link BestNetwork} with {@code s}'s early stopping, and tells
     * {@code listener} where the run resumes.
     */
    static Resumed resume(String method, Checkpoint cp, ComputationGraph graph, BdnnSettings s,
            TrainingListener listener) {
        BestNetwork keeper = new BestNetwork(graph, s.earlyStopping, s.patience);
        INDArray params = cp.array(NETWORK, PARAMS);
        if (params.length() != graph.numParams()) {
            throw new HashingException(cp.source() + ": checkpoint network has " + params.length()
                    + " parameters, this configuration's " + graph.numParams());
        }
        graph.setParams(params.reshape(graph.params().shape()).castTo(graph.params().dataType()));
        keeper.resume(cp.array(BEST, PARAMS), cp.state("rounds_since_best", Integer.class));
        Resumed resumed = new Resumed(cp.stepsDone() + 1, cp.array(CODES, "b"),
                TrainingHistory.restore(cp.state("history")), cp.state("stopped").asBoolean(), keeper);
        listener.message(method + ": resuming from " + cp.source() + " after alternation " + cp.stepsDone()
                + (resumed.stopped() ? " (early stopping had ended the run)" : ""));
        return resumed;
    }
}
