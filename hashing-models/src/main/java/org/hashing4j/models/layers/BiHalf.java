package org.hashing4j.models.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The Bi-half layer (Li &amp; van Gemert, "Deep Unsupervised Image Hashing by Maximizing Bit Entropy",
 * AAAI 2021; METHODS-DEEP.md §2.2) as SameDiff graph pieces, for training only (at test time the
 * codes are sign(u)).
 *
 * <p>Forward: for each bit k, the ⌊n/2⌋ largest u_ik of the batch get +1 and the rest −1 (the
 * authors' sort; ties go to the earlier row, so the split is exact and deterministic). Backward:
 * ∂L/∂u = ∂L/∂b + (γ/(nK))·(u − b). SameDiff has no per-op custom gradient, so the layer returns the
 * two halves of that rule: {@link Output#codes()} (value b, gradient straight through to u) and
 * {@link Output#gradientTerm()}, a scalar whose value is exactly 0 and whose gradient is the
 * (γ/(nK))·(u − b) term — the objective adds it to its loss.
 *
 * <p>The ranks are counted with an n × n × K comparison tensor: O(n²K) memory, small for the batch
 * sizes these methods use (64 × 64 × 64 = 262k entries).
 */
public final class BiHalf {
    private BiHalf() {
    }

    /** The layer's two outputs; see the class comment. */
    public record Output(SDVariable codes, SDVariable gradientTerm) {
    }

    /** Bi-half codes of {@code u} (batch × K) with the backward weight {@code gamma}. */
    public static Output apply(SameDiff sd, String name, SDVariable u, double gamma) {
        SDVariable b = split(sd, u);
        SDVariable codes = u.add(name, HashOps.stopGradient(sd, b.sub(u)));
        SDVariable gap = u.sub(b);
        SDVariable half = gap.mul(gap).mean().mul(gamma / 2);
        return new Output(codes, half.sub(HashOps.stopGradient(sd, half)));
    }

    /** The forward split (no gradient): +1 for the ⌊n/2⌋ largest entries of each column, −1 elsewhere. */
    public static SDVariable split(SameDiff sd, SDVariable u) {
        SDVariable us = HashOps.stopGradient(sd, u);
        SDVariable other = sd.expandDims(us, 1); // j × 1 × K
        SDVariable self = sd.expandDims(us, 0); // 1 × i × K
        SDVariable above = sd.gt(other, self).castTo(u.dataType());
        SDVariable tied = sd.eq(other, self).castTo(u.dataType());
        SDVariable ones = sd.onesLike(us.sum(1));
        SDVariable index = sd.cumsum(ones, false, false, 0);
        // earlier[j][i] = 1 when j < i: a tie with an earlier row ranks that row first.
        SDVariable earlier = sd.math.step(sd.expandDims(index, 0).sub(sd.expandDims(index, 1)), 0.5);
        SDVariable ahead = above.add(tied.mul(sd.expandDims(earlier, 2))).sum(0); // i × K: rank from 0
        SDVariable halfCount = sd.math.floor(ones.sum().mul(0.5));
        return sd.math.step(ahead.rsub(halfCount), 0.5).mul(2.0).sub(1.0);
    }
}
