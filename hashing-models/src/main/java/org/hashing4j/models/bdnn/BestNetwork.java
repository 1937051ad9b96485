package org.hashing4j.models.bdnn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.models.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping for the BDNN alternations: keeps a copy of the network parameters of the best
 * validated round and says when {@code patience} rounds in a row brought no improvement.
 */
final class BestNetwork {
    private final ComputationGraph graph;
    private final BdnnSettings settings;
    private INDArray best;
    private int sinceBest;

    /** Starts from the graph's current parameters (the round already validated). */
    BestNetwork(ComputationGraph graph, BdnnSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.best = graph.params().dup();
    }

    /**
     * Records a finished round; returns false when training should stop. Without early stopping
     * every round counts as the best, so the last network is kept.
     */
    boolean keepTraining(boolean better, String method, TrainingHistory history, TrainingListener listener) {
        if (better || !settings.earlyStopping) {
            best = graph.params().dup();
            sinceBest = 0;
            return true;
        }
        if (++sinceBest >= settings.patience) {
            listener.message(method + ": validation mAP did not improve for " + settings.patience
                    + " alternations; keeping the network of alternation " + history.bestRound());
            return false;
        }
        return true;
    }

    /** Puts the kept parameters back into the graph. */
    void restore() {
        graph.setParams(best);
    }
}
