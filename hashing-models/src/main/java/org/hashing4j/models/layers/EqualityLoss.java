package org.hashing4j.models.layers;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Equality loss λ2/(2m)‖H − B‖²: pulls the real-valued codes H (the input, m × L) towards fixed
 * binary targets B (the labels, m × L, entries ±1), as in BDNN's alternating optimisation where B
 * is updated outside the network.
 */
public class EqualityLoss extends HashingLossLayer {
    public EqualityLoss() {
    }

    /** @param lambda the weight λ2 */
    public EqualityLoss(double lambda) {
        super(lambda);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        // A sum over samples: DL4J's division by m turns it into the paper's 1/(2m) scaling.
        SDVariable diff = input.sub(labels);
        return sumOfSquares(sd, diff).mul("equalityLoss", weight / 2.0);
    }
}
