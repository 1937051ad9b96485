package org.hashing4j.models.methods.bdnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The B step: never increases its objective, and ends where no single bit flip helps. */
class DiscreteCodeStepTest {
    @Test
    void lowersTheObjectiveToACoordinateWiseMinimum() {
        Nd4j.getRandom().setSeed(11);
        int m = 40;
        int bits = 5;
        int d = 9;
        INDArray x = Nd4j.rand(DataType.DOUBLE, m, d);
        INDArray h = Nd4j.randn(DataType.DOUBLE, m, bits);
        INDArray w4 = Nd4j.randn(DataType.DOUBLE, bits, d).muli(0.3);
        INDArray c4 = Nd4j.rand(DataType.DOUBLE, 1, d);
        INDArray b = BdnnTraining.signMatrix(Nd4j.randn(DataType.DOUBLE, m, bits));
        double lambda2 = 0.05;
        double before = DiscreteCodeStep.objective(x, h, w4, c4, b, lambda2);
        INDArray one = DiscreteCodeStep.update(x, h, w4, c4, b, lambda2, 1);
        double afterOne = DiscreteCodeStep.objective(x, h, w4, c4, one, lambda2);
        INDArray many = DiscreteCodeStep.update(x, h, w4, c4, one, lambda2, 50);
        double afterMany = DiscreteCodeStep.objective(x, h, w4, c4, many, lambda2);
        assertTrue(afterOne <= before + 1e-12, before + " -> " + afterOne);
        assertTrue(afterMany <= afterOne + 1e-12, afterOne + " -> " + afterMany);
        assertTrue(afterMany < before, "the random start should be improvable");
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < bits; k++) {
                INDArray flipped = many.dup();
                flipped.putScalar(i, k, -flipped.getDouble(i, k));
                assertTrue(DiscreteCodeStep.objective(x, h, w4, c4, flipped, lambda2) >= afterMany - 1e-12,
                        "flipping bit " + k + " of item " + i + " lowers the objective");
            }
        }
    }
}
