package org.hashing4j.models.nets;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Small graph-building helpers shared by backbones and hashing heads. Variables are named
 * {@code <name>/W} and {@code <name>/b}, which is also how model files store them.
 */
public final class Layers {
    private Layers() {
    }

    /** How a dense layer's weights are initialised, by what follows it. */
    public enum Init {
        /** A ReLU follows: He uniform. */
        RELU,
        /** Linear output or sigmoid/softmax follows: Glorot uniform. */
        LINEAR
    }

    /** {@code x·W + b} with W of shape in × out, created from {@code init}. */
    public static SDVariable dense(SameDiff sd, String name, SDVariable x, int in, int out, SeededInitializer init,
            Init kind) {
        SDVariable w = sd.var(name + "/W", kind == Init.RELU ? init.heUniform(in, in, out)
                : init.glorotUniform(in, out, in, out));
        SDVariable b = sd.var(name + "/b", init.zeros(out));
        return sd.nn.linear(name, x, w, b);
    }

    /**
     * Numerically stable softplus, log(1 + eˣ) = max(x, 0) + log(1 + e^−|x|), without overflow for
     * large x, with the exact derivative σ(x) everywhere.
     *
     * <p>The value is that stable form with its gradient {@linkplain GradientCut cut}; the derivative
     * comes from p − cut(p), p = x·cut(σ(x)), which is exactly 0 in value (the same float product
     * twice) and has the derivative σ(x). Differentiating the stable form itself would be wrong at
     * x = 0 (SameDiff takes relu' and abs' there as 0, giving 0 instead of σ(0) = ½: this broke TBH's
     * gradient check, where a zero bias and a zero input put a critic's logit at exactly 0), and slow
     * on large arrays: pairwise bank losses (DPSH, DFH) take a softplus of batch × 60,000 values per
     * step, and its backward pass through six element-wise ops was most of their step time.
     */
    public static SDVariable softplus(SameDiff sd, SDVariable x) {
        SDVariable value = sd.nn.relu(x, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
        SDVariable p = x.mul(GradientCut.of(sd, sd.nn.sigmoid(x)));
        return GradientCut.of(sd, value).add(p.sub(GradientCut.of(sd, p)));
    }
}
