package org.hashing4j.models.layers;

import org.hashing4j.models.nets.Layers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.hashing4j.models.nets.GradientCut;

/**
 * The stochastic binary neuron of JMLH (Shen et al., "Embarrassingly Simple Binary Representation
 * Learning") as SameDiff graph pieces, and the KL regulariser that goes with it.
 *
 * <p>Forward: p = sigmoid(u), b = 1 if p &gt; ε else 0, with ε ~ U(0,1) drawn per unit and sample
 * while training and ε = 0.5 when encoding. Backward: the gradient passes straight through b to p
 * (the authors' distributional-derivative estimator), so ∂L/∂u = p(1−p)·∂L/∂b. Written as
 * b = p + stopGradient(step(p − ε) − p): the value is the step, the derivative that of p.
 *
 * <p>ε comes in as a graph input rather than from a random op inside the graph, so that the
 * trainer draws it from the run's seed: runs repeat exactly and a resumed run continues with the
 * same draws as an uninterrupted one.
 */
public final class StochasticBinaryNeuron {
    private StochasticBinaryNeuron() {
    }

    /** p = sigmoid(u), the probability of each bit being 1. */
    public static SDVariable probabilities(SameDiff sd, String name, SDVariable u) {
        return sd.nn.sigmoid(name, u);
    }

    /**
     * The binary codes b ∈ {0,1} (same shape as p): 1 where p &gt; ε. Gradient: identity to p.
     *
     * @param p       bit probabilities, batch × bits
     * @param epsilon thresholds, batch × bits (uniform noise while training, 0.5 when encoding)
     */
    public static SDVariable sample(SameDiff sd, String name, SDVariable p, SDVariable epsilon) {
        // step(x, 0) is 1 for x > 0 and 0 otherwise, so p == ε gives 0, matching "1 if p > ε".
        SDVariable hardMinusP = sd.math.step(p.sub(epsilon), 0.0).sub(p);
        SDVariable noGradient = GradientCut.of(sd, hardMinusP);
        return p.add(name, noGradient);
    }

    /**
     * KL(Bernoulli(p) ‖ Bernoulli(½)) summed over the bits of each sample: a batch-length vector.
     *
     * <p>Per bit, KL = p·log(2p) + (1−p)·log(2(1−p)) = log 2 + p·u − softplus(u), using
     * log p = −softplus(−u), log(1−p) = −softplus(u) and softplus(u) − softplus(−u) = u. This form
     * is exact, needs no clipping of p, and stays finite for any u.
     *
     * @param u the pre-sigmoid activations, batch × bits
     * @param p sigmoid(u)
     */
    public static SDVariable klToFairCoin(SameDiff sd, String name, SDVariable u, SDVariable p) {
        SDVariable perBit = p.mul(u).sub(Layers.softplus(sd, u)).add(Math.log(2.0));
        return perBit.sum(name, 1);
    }
}
