package org.hashing4j.models.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** The cut passes values bit for bit, and the backward pass ends at it. */
class GradientCutTest {

    /** Names of the ops the gradient function runs. */
    private static List<String> backwardOps(SameDiff sd) {
        List<String> ops = new ArrayList<>();
        sd.createGradFunction();
        sd.getFunction("grad").setListeners(new BaseListener() {
            @Override
            public boolean isActive(Operation operation) {
                return true;
            }

            @Override
            public void opExecution(SameDiff s, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx,
                    INDArray[] outputs) {
                ops.add(op.getOp().opName());
            }
        });
        return ops;
    }

    @Test
    void valuesPassBitForBitAndNoGradientFlowsBack() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            SameDiff sd = SameDiff.create();
            INDArray x0 = Nd4j.createFromArray(-2.5, -0.0, 0.0, 1e-30, 3.25, Double.MAX_VALUE / 4).castTo(type);
            SDVariable x = sd.var("x", x0);
            SDVariable e = sd.math.exp(x.mul(1e-300));
            SDVariable cut = GradientCut.of(sd, e.mul(x));
            assertEquals(type, cut.dataType());
            // loss = Σ x·cut(e·x): the derivative is cut(e·x) alone, e·x's own derivative is cut away
            sd.setLossVariables(x.mul(cut).sum());
            List<String> ops = backwardOps(sd);
            INDArray value = cut.eval();
            INDArray grad = sd.calculateGradients(Map.of(), List.of("x")).get("x");
            INDArray direct = Nd4j.math().exp(x0.mul(1e-300)).muli(x0);
            assertArrayEquals(direct.toDoubleVector(), value.toDoubleVector(), 0.0, type + " value");
            assertArrayEquals(direct.toDoubleVector(), grad.toDoubleVector(), 0.0, type + " gradient");
            assertFalse(ops.stream().anyMatch(o -> o.startsWith("exp")), "nothing before the cut is differentiated: " + ops);
            assertTrue(ops.stream().noneMatch(o -> o.equals("zeroslike")), ops.toString());
        }
    }

    @Test
    void integerVariablesAreRefused() {
        SameDiff sd = SameDiff.create();
        SDVariable i = sd.constant("i", Nd4j.createFromArray(1, 2, 3));
        HashingException e = assertThrows(HashingException.class, () -> GradientCut.of(sd, i));
        assertEquals("cannot cut the gradient of i of type INT (floating-point variables only)", e.getMessage());
    }
}
