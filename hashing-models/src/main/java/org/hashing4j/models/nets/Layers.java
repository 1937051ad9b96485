package org.hashing4j.models.nets;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

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
     * <p>SameDiff differentiates relu and abs at 0 as 0, so the two kinked terms alone give the sum
     * the derivative 0 at x = 0 instead of σ(0) = ½ (this broke TBH's gradient check, where a zero
     * bias and a zero input put a critic's logit at exactly 0). The correction x·k − stopGradient(x·k),
     * k = ½ where x = 0 and 0 elsewhere (itself without gradient), has the value 0 and adds the
     * missing ½ at x = 0 only; elsewhere it adds exact zeros to value and gradient, so results are
     * bit-identical to the uncorrected form there.
     */
    public static SDVariable softplus(SameDiff sd, SDVariable x) {
        SDVariable value = sd.nn.relu(x, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
        // [x = 0] = 1 − step(x) − step(−x), step(t) = 1 for t > 0 else 0.
        SDVariable zero = sd.math.step(x, 0.0).add(sd.math.step(x.neg(), 0.0)).rsub(1.0);
        SDVariable k = new StopGradient(sd, zero.mul(0.5)).outputVariable();
        SDVariable xk = x.mul(k);
        return value.add(xk.sub(new StopGradient(sd, xk).outputVariable()));
    }
}
