package org.hashing4j.models.methods.itq;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.models.projection.ProjectionHashModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link Itq#fitWithCodes} returns: the trained hash function, the training set's codes B as
 * ITQ's last iteration left them, and the quantisation-loss history. Methods that start from ITQ
 * (UH-BDNN initialises its B from it) take the codes from here instead of re-encoding.
 */
public final class ItqResult {
    private final ProjectionHashModel model;
    private final ItqRotation rotation;
    private final INDArray pcaProjections;

    ItqResult(ProjectionHashModel model, ItqRotation rotation, INDArray pcaProjections) {
        this.model = model;
        this.rotation = rotation;
        this.pcaProjections = pcaProjections;
    }

    /** The trained ITQ hash function: bits of sign((x − μ)·W_pca·R). */
    public ProjectionHashModel model() {
        return model;
    }

    /** Training codes B = sign(V·R), n × L (one row per training item, in input order), entries ±1, double. */
    public INDArray signs() {
        return rotation.signs();
    }

    /** The same training codes packed (bit 1 for +1). */
    public BinaryCodes codes() {
        return BinaryCodes.fromINDArray(rotation.signs(), false);
    }

    /** The learned L × L rotation R. */
    public INDArray rotation() {
        return rotation.rotation();
    }

    /** The centred PCA projections V = (X − 1μᵀ)·W_pca of the training items, n × L. */
    public INDArray pcaProjections() {
        return pcaProjections;
    }

    /** Quantisation loss ‖B − V·R‖² after each half-step (see {@link ItqRotation#lossHistory()}). */
    public double[] quantisationLoss() {
        return rotation.lossHistory();
    }
}
