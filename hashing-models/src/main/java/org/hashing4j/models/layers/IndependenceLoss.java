package org.hashing4j.models.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Independence loss λ3/2‖(1/m)HᵀH − I‖² on a batch of codes H (m × L): the bits' second-moment
 * matrix should be the identity, i.e. bits uncorrelated with unit power. Needs no labels.
 */
public class IndependenceLoss extends LabelFreeLossLayer {
    public IndependenceLoss() {
    }

    /** @param lambda the weight λ3 */
    public IndependenceLoss(double lambda) {
        super(lambda);
    }

    @Override
    protected SDVariable defineLoss(SameDiff sd, SDVariable input) {
        SDVariable m = batchSize(sd, input);
        SDVariable second = sd.mmul(input, input, true, false, false).div(m);
        SDVariable eye = sd.constant(Nd4j.eye(nIn).castTo(input.dataType()));
        // Multiplied by m because DL4J divides an output layer's score by the batch size.
        return sumOfSquares(sd, second.sub(eye)).mul(m).mul("independenceLoss", weight / 2.0);
    }
}
