package org.hashing4j.experiment;

import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.models.TrainingListener;

/**
 * Receives an experiment's progress, so that the runner prints nothing itself: the command line
 * renders it on the console, a library user logs it or ignores it. All methods have no-op defaults.
 */
public interface ExperimentListener {
    /** A listener that ignores everything. */
    ExperimentListener NONE = new ExperimentListener() { };

    /** A step of the run worth telling, e.g. "Loading fashion-mnist (standard protocol) ...". */
    default void message(String text) {
    }

    /** Where the training of the model {@code key} (e.g. "jmlh-32") reports its epochs and batches. */
    default TrainingListener training(String key) {
        return TrainingListener.NONE;
    }

    /**
     * One model was evaluated under one ground truth ("label" or "kNN").
     *
     * @param trainSeconds training wall time (NaN when a resumed run loaded the model)
     * @param encodeRate   query and database items encoded per second
     */
    default void evaluated(String label, int bits, String groundTruth, RetrievalMetrics metrics, double trainSeconds,
            double encodeRate) {
    }
}
