package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchesTest {
    @Test
    void noiseIsRedrawnForEveryBatchAndRepeatsForTheSameSeedAndEpoch() {
        SplittableRandom r = Batches.random(7, 0, 3);
        INDArray first = Batches.uniformNoise(4, 8, r);
        INDArray second = Batches.uniformNoise(4, 8, r);
        assertNotEquals(first, second);
        INDArray nextEpoch = Batches.uniformNoise(4, 8, Batches.random(7, 1, 3));
        assertNotEquals(first, nextEpoch);
        assertEquals(first, Batches.uniformNoise(4, 8, Batches.random(7, 0, 3)));
        assertTrue(first.minNumber().doubleValue() >= 0 && first.maxNumber().doubleValue() < 1);
    }

    @Test
    void permutationIsAPermutationAndSeeded() {
        int[] p = Batches.permutation(50, Batches.random(1, 0, 2));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, Batches.permutation(50, Batches.random(1, 0, 2)));
        assertFalse(Arrays.equals(p, Batches.permutation(50, Batches.random(1, 1, 2))));
    }

    @Test
    void rowsAndLabelsFollowTheIndex() {
        float[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        int[] index = {2, 0};
        INDArray x = Batches.rows(rows, index, 0, 2);
        assertArrayEquals(new float[] {5, 6, 1, 2}, x.data().asFloat());
        INDArray y = Batches.labels(Labels.singleLabel(new int[] {0, 1, 2}), 3, index, 0, 2);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, y.data().asFloat());
        INDArray multi = Batches.labels(Labels.multiHot(new int[][] {{1, 1}, {0, 0}, {0, 1}}), 2, index, 0, 2);
        assertArrayEquals(new float[] {0, 1, 1, 1}, multi.data().asFloat());
    }
}
