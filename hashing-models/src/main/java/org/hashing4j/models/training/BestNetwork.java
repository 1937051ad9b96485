package org.hashing4j.models.training;


import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.models.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping for alternating or epoch-wise training (the BDNN alternations): keeps a copy of the network parameters of the best
 * validated round and says when {@code patience} rounds in a row brought no improvement.
 */
public final class BestNetwork {
    private final ComputationGraph graph;
    private final boolean earlyStopping;
    private final int patience;
    private INDArray best;
    private int sinceBest;

    /** Starts from the graph's current parameters (the round already validated). */
    public BestNetwork(ComputationGraph graph, boolean earlyStopping, int patience) {
        this.graph = graph;
        this.earlyStopping = earlyStopping;
        this.patience = patience;
        this.best = graph.params().dup();
    }

    /**
     * Records a finished round; returns false when training should stop. Without early stopping
     * every round counts as the best, so the last network is kept.
     */
    public boolean keepTraining(boolean better, String method, TrainingHistory history, TrainingListener listener) {
        if (better || !earlyStopping) {
            best = graph.params().dup();
            sinceBest = 0;
            return true;
        }
        if (++sinceBest >= patience) {
            listener.message(method + ": validation mAP did not improve for " + patience
                    + " alternations; keeping the network of alternation " + history.bestRound());
            return false;
        }
        return true;
    }

    /** A copy of the kept parameters, for a checkpoint. */
    public INDArray bestParameters() {
        return best.dup();
    }

    /** Rounds since the kept one (what patience counts), for a checkpoint. */
    public int roundsSinceBest() {
        return sinceBest;
    }

    /**
     * Continues from a checkpoint: the kept parameters and the count of rounds since them, as
     * {@link #bestParameters} and {@link #roundsSinceBest} gave them, so that a resumed run stops
     * where an uninterrupted one would and keeps the same network.
     */
    public void resume(INDArray bestParameters, int roundsSinceBest) {
        if (bestParameters.length() != best.length()) {
            throw new IllegalArgumentException("kept parameters have " + bestParameters.length() + " values, the network "
                    + best.length());
        }
        this.best = bestParameters.reshape(best.shape()).castTo(best.dataType()).dup();
        this.sinceBest = roundsSinceBest;
    }

    /** Puts the kept parameters back into the graph. */
    public void restore() {
        graph.setParams(best);
    }
}
