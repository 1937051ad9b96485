package org.hashing4j.models.methods.jmlh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.zip.CRC32;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pins JMLH's trained weights to checksums recorded before JMLH moved onto the shared deep trainer
 * ({@code training.DeepTrainer}): the same seed must keep giving bit-identical networks, which is
 * what keeps {@code hashing demo}'s numbers unchanged. Re-pinned once, deliberately, when JMLH's
 * softmax cross-entropy moved to the shared overflow-safe form ({@code HashOps.crossEntropy}): the same
 * loss in exact arithmetic, different float rounding; and again when the KL term's softplus took its
 * derivative σ(x) directly ({@code nets.Layers.softplus}, the same derivative, different rounding).
 * Moving every stop-gradient to {@code nets.GradientCut} alone left both checksums unchanged.
 */
class JmlhGoldenTest {
    static long checksum(JmlhModel model) {
        CRC32 crc = new CRC32();
        for (Map.Entry<String, INDArray> e : model.network().parameters().entrySet()) {
            crc.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (float f : e.getValue().dup().data().asFloat()) {
                int bits = Float.floatToRawIntBits(f);
                crc.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
            }
        }
        return crc.getValue();
    }

    @Test
    void mlpWeightsAreUnchanged() {
        FeatureSet toy = ToyData.clusters(240, 16, 3, 11);
        MethodConfig c = new MethodConfig(8, 5, Map.of("backbone", "mlp", "hidden", "32", "epochs", 3, "batch_size", 32,
                "learning_rate", 0.01, "validation_size", 60));
        assertEquals(MLP, checksum(new JmlhMethod().fit(toy, c, TrainingContext.quiet())));
    }

    @Test
    void cnnWeightsAreUnchanged() {
        FeatureSet images = ToyData.images(48, 1, 16, 16, 2, 3);
        MethodConfig c = new MethodConfig(8, 1, Map.of("backbone", "cnn", "epochs", 2, "batch_size", 16));
        assertEquals(CNN, checksum(new JmlhMethod().fit(images, c, TrainingContext.quiet())));
    }

    private static final long MLP = 1187124144L;
    private static final long CNN = 69849481L;
}
