package org.hashing4j.models.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Balance loss λ4/(2m)‖Hᵀ1‖² on a batch of codes H (m × L): each bit should sum to zero over the
 * batch, i.e. be +1 for half of the samples. Needs no labels.
 */
public class BalanceLoss extends LabelFreeLossLayer {
    public BalanceLoss() {
    }

    /** @param lambda the weight λ4 */
    public BalanceLoss(double lambda) {
        super(lambda);
    }

    @Override
    protected SDVariable defineLoss(SameDiff sd, SDVariable input) {
        SDVariable bitSums = sd.sum(input, 0);
        // ‖H1‖²/2 is already m times the paper's term; DL4J's division by m gives 1/(2m).
        return sumOfSquares(sd, bitSums).mul("balanceLoss", weight / 2.0);
    }
}
