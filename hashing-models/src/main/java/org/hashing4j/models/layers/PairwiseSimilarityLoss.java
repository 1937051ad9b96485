package org.hashing4j.models.layers;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Pairwise-similarity loss λ/(2m)‖(1/L)HHᵀ − S‖² (SH-BDNN's label term; the paper writes
 * ‖(1/L)HᵀH − S‖² with codes as columns). The input is the m × L batch of codes H, the labels an
 * m × C 0/1 matrix Y (one-hot for single-label data, multi-hot for multi-label data), and S is built
 * from Y inside the batch. Two ways to compute it:
 *
 * <ul>
 *   <li>{@link Mode#EXPLICIT}: S_ij = +1 when items i and j share a class, −1 otherwise — the paper's
 *       S for any labels, built as an m × m matrix (memory grows with the square of the batch).</li>
 *   <li>{@link Mode#FACTORED}: S = 2YYᵀ − 11ᵀ, never formed. With
 *       ‖(1/L)HHᵀ − S‖² = ‖HᵀH‖²/L² − (2/L)(2‖HᵀY‖² − ‖Hᵀ1‖²) + 4‖YᵀY‖² − 4‖Yᵀ1‖² + m²
 *       everything is an L × L, L × C or C × C product, so memory and time are linear in m. For
 *       single-label data (and whenever no two items share more than one class) this S is exactly
 *       the explicit one; for multi-label data a pair sharing k classes gets the target 2k − 1
 *       instead of +1, i.e. a graded similarity.</li>
 * </ul>
 */
public class PairwiseSimilarityLoss extends HashingLossLayer {
    /** How S is computed. */
    public enum Mode { EXPLICIT, FACTORED }

    private Mode mode = Mode.FACTORED;

    public PairwiseSimilarityLoss() {
    }

    /**
     * @param lambda weight of the term (SH-BDNN's λ5; 1 in the paper's formula)
     * @param mode   how S is computed
     */
    public PairwiseSimilarityLoss(double lambda, Mode mode) {
        super(lambda);
        this.mode = mode;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        double invL = 1.0 / nIn;
        SDVariable y = labels.castTo(input.dataType());
        SDVariable sq;
        if (mode == Mode.EXPLICIT) {
            SDVariable shared = sd.mmul(y, y, false, true, false);
            SDVariable s = shared.gt(0.0).castTo(input.dataType()).mul(2.0).sub(1.0);
            SDVariable inner = sd.mmul(input, input, false, true, false).mul(invL);
            sq = sumOfSquares(sd, inner.sub(s));
        } else {
            SDVariable m = batchSize(sd, input);
            SDVariable hth = sd.mmul(input, input, true, false, false);
            SDVariable hty = sd.mmul(input, y, true, false, false);
            SDVariable hSum = sd.sum(input, 0);
            SDVariable yty = sd.mmul(y, y, true, false, false);
            SDVariable ySum = sd.sum(y, 0);
            SDVariable codeTerm = sumOfSquares(sd, hth).mul(invL * invL);
            SDVariable cross = sumOfSquares(sd, hty).mul(2.0).sub(sumOfSquares(sd, hSum)).mul(2.0 * invL);
            SDVariable sNorm = sumOfSquares(sd, yty).mul(4.0).sub(sumOfSquares(sd, ySum).mul(4.0)).add(m.mul(m));
            sq = codeTerm.sub(cross).add(sNorm);
        }
        // ‖·‖²/2 is m times the paper's 1/(2m) term; DL4J divides by m.
        return sq.mul("pairwiseLoss", weight / 2.0);
    }
}
