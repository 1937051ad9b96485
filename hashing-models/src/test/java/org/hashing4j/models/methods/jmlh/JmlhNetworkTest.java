package org.hashing4j.models.methods.jmlh;

import org.hashing4j.models.training.Batches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.models.nets.MlpBackbone;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class JmlhNetworkTest {
    @Test
    void trainingCodesAreResampledEachIterationAndHalfGivesTheEncoding() {
        JmlhNetwork net = new JmlhNetwork(new MlpBackbone(6, 8), 16, 3, false, 0.1, 4);
        float[][] rows = new float[5][6];
        SplittableRandom r = new SplittableRandom(1);
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        INDArray x = Batches.rows(rows, 0, rows.length);
        // Two consecutive batches of an epoch draw different noise, hence different codes for the same input.
        SplittableRandom noise = Batches.random(4, 0, 3);
        float[][] first = net.sampledCodes(x, Batches.uniformNoise(5, 16, noise));
        float[][] second = net.sampledCodes(x, Batches.uniformNoise(5, 16, noise));
        assertFalse(Arrays.deepEquals(first, second));
        for (float[] code : first) {
            for (float b : code) {
                assertEquals(0, b * (1 - b), 1e-6, "a sampled bit is 0 or 1");
            }
        }
        // ε = 0.5 is the encoding rule.
        float[][] half = net.sampledCodes(x, Nd4j.valueArrayOf(new long[] {5, 16}, 0.5f, DataType.FLOAT));
        boolean[][] bits = new boolean[5][16];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 16; j++) {
                bits[i][j] = half[i][j] > 0.5f;
            }
        }
        assertEquals(BinaryCodes.fromBooleans(bits), net.encode(rows, 2));
    }
}
