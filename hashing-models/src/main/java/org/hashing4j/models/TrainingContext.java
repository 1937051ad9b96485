package org.hashing4j.models;

import java.nio.file.Path;

/**
 * What a training run gets besides data and configuration: where to report progress, where to
 * keep checkpoints so that an interrupted run can be resumed, and where to write the training
 * history ({@code history.csv}, {@code history.json}).
 */
public final class TrainingContext {
    private final TrainingListener listener;
    private final Path checkpointDir;
    private final boolean resume;
    private final ModelProvenance.DataProvenance data;
    private final Path historyDir;

    /**
     * @param listener      progress receiver (never null; use {@link TrainingListener#NONE})
     * @param checkpointDir folder for this run's checkpoints, or null for none
     * @param resume        continue from the newest checkpoint in {@code checkpointDir} if there is one
     */
    public TrainingContext(TrainingListener listener, Path checkpointDir, boolean resume) {
        this(listener, checkpointDir, resume, null);
    }

    /**
     * @param data what the caller knows of the training data (dataset, protocol, split sizes,
     *             checksums) for the model's provenance, or null
     */
    public TrainingContext(TrainingListener listener, Path checkpointDir, boolean resume,
            ModelProvenance.DataProvenance data) {
        this(listener, checkpointDir, resume, data, null);
    }

    private TrainingContext(TrainingListener listener, Path checkpointDir, boolean resume,
            ModelProvenance.DataProvenance data, Path historyDir) {
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.checkpointDir = checkpointDir;
        this.resume = resume;
        this.data = data;
        this.historyDir = historyDir;
    }

    /** A copy that writes the training history to {@code dir} (a model's folder in the run folder). */
    public TrainingContext withHistoryDir(Path dir) {
        return new TrainingContext(listener, checkpointDir, resume, data, dir);
    }

    /** A context with no progress output and no checkpoints (tests, library use). */
    public static TrainingContext quiet() {
        return new TrainingContext(TrainingListener.NONE, null, false);
    }

    public TrainingListener listener() {
        return listener;
    }

    /** Checkpoint folder, or null. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    public boolean resume() {
        return resume;
    }

    /**
     * Where trainers write {@code history.csv} and {@code history.json}: the folder given with
     * {@link #withHistoryDir}, else the checkpoint folder, else null (no history files).
     */
    public Path historyDir() {
        return historyDir != null ? historyDir : checkpointDir;
    }

    /** What the caller knows of the training data, or null. */
    public ModelProvenance.DataProvenance data() {
        return data;
    }
}
