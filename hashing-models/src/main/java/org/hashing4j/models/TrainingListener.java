package org.hashing4j.models;

/**
 * Receives training progress, so that the command line can draw a progress bar and methods need not
 * print anything themselves. All methods have no-op defaults.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };

    /** A phase starts, e.g. "epoch 3/10" or "alternation 2/20", with {@code total} steps (0 if unknown). */
    default void phaseStarted(String phase, long total) {
    }

    /** {@code done} of the phase's steps are finished; {@code metrics} such as loss, images/s. */
    default void progress(long done, java.util.Map<String, Double> metrics) {
    }

    /** The phase finished with these summary metrics. */
    default void phaseFinished(java.util.Map<String, Double> metrics) {
    }

    /** A free-form message worth showing (e.g. "validation mAP improved to 0.61, model kept"). */
    default void message(String text) {
    }
}
