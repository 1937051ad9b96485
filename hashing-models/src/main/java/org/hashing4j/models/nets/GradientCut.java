package org.hashing4j.models.nets;

import java.util.List;
import org.hashing4j.core.HashingException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * A stop-gradient that SameDiff's backward pass really stops at: x reinterpreted bit for bit as
 * integers of the same width and back (libnd4j's {@code bitcast}), so the value is exactly x.
 *
 * <p>Why not SameDiff's own {@code StopGradient}: in DL4J 1.0.0-M2.1 its derivative is
 * {@code zerosLike(x)}, and the backward pass goes on differentiating everything x was computed
 * from, only to multiply by those zeros. A value computed without gradient on purpose — a bank of
 * 60,000 codes paired with the batch, the stable form of a softplus whose derivative is given
 * directly — then costs a full backward pass of its own. SameDiff differentiates only along
 * floating-point variables, so an integer-typed variable in the middle ends the backward pass there;
 * the results are the same (the cut part contributed exact zeros before), only faster.
 */
public final class GradientCut extends DynamicCustomOp {
    private final DataType to;

    private GradientCut(SameDiff sd, SDVariable in, DataType to) {
        super(sd, new SDVariable[] {in});
        addIArgument(to.toInt());
        this.to = to;
    }

    @Override
    public String opName() {
        return "bitcast";
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return List.of(to);
    }

    /** x, with no gradient flowing back through it (a constant for the optimiser). */
    public static SDVariable of(SameDiff sd, SDVariable x) {
        DataType type = x.dataType();
        DataType bits = switch (type) {
            case FLOAT -> DataType.INT32;
            case DOUBLE -> DataType.INT64;
            case HALF, BFLOAT16 -> DataType.INT16;
            default -> throw new HashingException("cannot cut the gradient of " + x.name() + " of type " + type
                    + " (floating-point variables only)");
        };
        SDVariable asBits = new GradientCut(sd, x, bits).outputVariable();
        return new GradientCut(sd, asBits, type).outputVariable();
    }
}
