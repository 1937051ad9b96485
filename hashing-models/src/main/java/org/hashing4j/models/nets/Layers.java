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

    /** Numerically stable softplus, log(1 + eˣ) = max(x, 0) + log(1 + e^−|x|), without overflow for large x. */
    public static SDVariable softplus(SameDiff sd, SDVariable x) {
        return sd.nn.relu(x, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
    }
}
