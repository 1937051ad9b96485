package org.hashing4j.models.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.hashing4j.models.nets.GradientCut;

/**
 * Binary layer: forward b = +1 where x ≥ 0 and −1 elsewhere (the same rule as
 * {@link org.hashing4j.core.BinaryCodes#fromSigned}), backward the identity (straight-through
 * estimator). Built as b = sg(sign(x)) + (x − sg(x)) with sg = {@link GradientCut}: the forward value is
 * exactly ±1 (x − x is exactly 0 in floating point), and the gradient is that of x.
 */
public class BinaryLayer extends HashingLambdaLayer {
    public BinaryLayer() {
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x) {
        SDVariable signs = x.gte(0.0).castTo(x.dataType()).mul(2.0).sub(1.0);
        SDVariable frozenSigns = GradientCut.of(sd, signs);
        SDVariable frozenX = GradientCut.of(sd, x);
        return frozenSigns.add("binaryCodes", x.sub(frozenX));
    }
}
