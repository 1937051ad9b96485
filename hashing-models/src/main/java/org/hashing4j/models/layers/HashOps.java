package org.hashing4j.models.layers;

import org.hashing4j.models.nets.Layers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.hashing4j.models.nets.GradientCut;

/**
 * SameDiff building blocks shared by the deep hashing losses (formulas from {@code METHODS-DEEP.md}
 * §0): straight-through sign, stop-gradient, stable softplus, softmax cross-entropy (single label,
 * and FIRe's label-smoothing form for multi-label data), pairwise label similarity, row cosines.
 * All take and return batch-first variables; reductions say over what they average.
 */
public final class HashOps {
    /** Placeholder of {@link #pairSelectors}' first matrix. */
    public static final String PAIR_FIRST = "pair_first";
    /** Placeholder of {@link #pairSelectors}' second matrix. */
    public static final String PAIR_SECOND = "pair_second";

    private HashOps() {
    }

    /**
     * The two n/2 × n 0/1 matrices pairing row i with row i + n/2 (the half-against-half pairing of
     * GreedyHash-U and BiHalf; an odd batch's last row has no partner; one zero row when n &lt; 2), as
     * feeds for {@link #PAIR_FIRST} and {@link #PAIR_SECOND}. Selection matrices keep the graph free of
     * dynamic slicing.
     */
    public static java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> pairSelectors(int n) {
        int half = n / 2;
        int rows = Math.max(1, half);
        float[] a = new float[rows * n];
        float[] b = new float[rows * n];
        for (int i = 0; i < half; i++) {
            a[i * n + i] = 1f;
            b[i * n + i + half] = 1f;
        }
        return java.util.Map.of(PAIR_FIRST, org.nd4j.linalg.factory.Nd4j.create(a, new long[] {rows, n}, 'c'),
                PAIR_SECOND, org.nd4j.linalg.factory.Nd4j.create(b, new long[] {rows, n}, 'c'));
    }

    /**
     * x with no gradient flowing back through it (a constant for the optimiser); the backward pass
     * ends there ({@link GradientCut}).
     */
    public static SDVariable stopGradient(SameDiff sd, SDVariable x) {
        return GradientCut.of(sd, x);
    }

    /**
     * SignHash: forward sign(u), backward identity (∂L/∂u := ∂L/∂b), written as
     * u + stopGradient(sign(u) − u). sign(0) is 0 here as in PyTorch; it only happens on exact zeros,
     * and codes are read with sign(0) := +1 ({@code DeepObjective.Encoding.sign}).
     */
    public static SDVariable signStraightThrough(SameDiff sd, String name, SDVariable u) {
        return u.add(name, stopGradient(sd, sd.math.sign(u).sub(u)));
    }

    /** log(1 + eˣ) without overflow (METHODS-DEEP §0's "log trick"). */
    public static SDVariable softplus(SameDiff sd, SDVariable x) {
        return Layers.softplus(sd, x);
    }

    /**
     * Per-sample cross-entropy of logits {@code z} (batch × C) against labels {@code y}: −Σ_c y_c·log
     * softmax(z)_c for one-hot rows; for multi-label rows the targets are y normalised to sum 1
     * (FIRe's label-smoothing CE). Returns a batch-length vector.
     */
    public static SDVariable crossEntropy(SameDiff sd, SDVariable z, SDVariable y, boolean multiLabel) {
        SDVariable target = multiLabel ? y.div(y.sum(true, 1).add(1e-12)) : y;
        // log softmax as (z − max) − log Σ exp(z − max): finite for any logits. SameDiff's logSoftmax
        // gives −∞ for a class whose probability underflows (a logit gap beyond ~100 in float), and
        // 0 · −∞ is NaN for every class the row is not labelled with. The max is a shift only: its
        // gradient terms cancel.
        SDVariable shifted = z.sub(z.max(true, 1));
        SDVariable logSoftmax = shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
        return logSoftmax.mul(target).sum(1).neg();
    }

    /** s_ij = 1 if rows i and j share a label (⟨y_i, y_j⟩ &gt; 0) else 0: batch × batch. */
    public static SDVariable labelSimilarity(SameDiff sd, SDVariable yA, SDVariable yB) {
        return sd.math.step(sd.mmul(yA, yB, false, true, false), 0.5);
    }

    /** Cosine of each row of a with the same row of b (batch-length vector); ε keeps zero rows at 0. */
    public static SDVariable rowCosine(SameDiff sd, SDVariable a, SDVariable b) {
        SDVariable dot = a.mul(b).sum(1);
        SDVariable na = sd.math.sqrt(a.mul(a).sum(1));
        SDVariable nb = sd.math.sqrt(b.mul(b).sum(1));
        return dot.div(na.mul(nb).add(1e-8));
    }

    /**
     * The Bi-half layer (Li &amp; van Gemert, AAAI 2021) in training mode: per bit, the ⌊n/2⌋ largest
     * values of the batch become +1 and the rest −1 (ranks by counting larger entries, n×n×K; ties,
     * which do not occur in practice, would all go the same way). Backward: ∂L/∂u = ∂L/∂b +
     * γ/(nK)·(u − b), obtained as b = u + stopGradient(split − u) plus the returned penalty
     * γ/(2nK)·‖u − stopGradient(b)‖², whose gradient is exactly that second term.
     *
     * @param half a [1,1] input holding ⌊n/2⌋
     * @return {b, penalty}
     */
    public static SDVariable[] biHalf(SameDiff sd, SDVariable u, SDVariable half, double gamma) {
        // larger[i,k] = #{j : u_jk > u_ik}
        SDVariable larger = sd.math.step(sd.expandDims(u, 0).sub(sd.expandDims(u, 1)), 0.0).sum(1);
        SDVariable split = sd.math.step(half.sub(larger).sub(0.5), 0.0).mul(2.0).sub(1.0);
        SDVariable b = u.add(stopGradient(sd, split.sub(u)));
        SDVariable gap = u.sub(stopGradient(sd, split));
        // γ/(2nK)·Σ gap² is (γ/2)·mean gap².
        SDVariable penalty = gap.mul(gap).mean().mul(gamma / 2);
        return new SDVariable[] {b, penalty};
    }

    /** mean over all entries of (u − sign u)², the quantisation term of DPSH, DTSH and SDH-C (its J1). */
    public static SDVariable quantization(SameDiff sd, SDVariable u) {
        SDVariable q = u.sub(sd.math.sign(u));
        return q.mul(q).mean();
    }

    /** mean over all entries of | |u| − 1 |^p (GreedyHash's penalty with p = 3). */
    public static SDVariable magnitudePenalty(SameDiff sd, SDVariable u, double p) {
        return sd.math.pow(sd.math.abs(sd.math.abs(u).sub(1.0)), p).mean();
    }
}
