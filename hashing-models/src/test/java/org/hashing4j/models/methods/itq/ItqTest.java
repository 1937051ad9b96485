package org.hashing4j.models.methods.itq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.methods.SyntheticData;
import org.hashing4j.models.linalg.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.Map;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ItqTest {
    private static FeatureSet data() {
        double[] scales = new double[16];
        for (int j = 0; j < scales.length; j++) {
            scales[j] = 4.0 / (1 + j);
        }
        return new FeatureSet(SyntheticData.anisotropic(600, scales, 3.0, 11), null, null, "aniso");
    }

    @Test
    void quantisationLossNeverIncreases() {
        ItqResult r = Itq.fitWithCodes(data(), new MethodConfig(8, 5), TrainingContext.quiet());
        double[] h = r.quantisationLoss();
        assertEquals(2 * Itq.DEFAULT_ITERATIONS, h.length);
        for (int t = 1; t < h.length; t++) {
            assertTrue(h[t] <= h[t - 1] * (1 + 1e-12) + 1e-9, "loss rose at step " + t + ": " + h[t - 1] + " -> " + h[t]);
        }
        // ITQ must actually improve on its random starting rotation.
        assertTrue(h[h.length - 1] < 0.9 * h[0], "loss " + h[0] + " -> " + h[h.length - 1]);
    }

    @Test
    void rotationIsOrthogonalAndCodesMatchTheModel() {
        FeatureSet d = data();
        ItqResult r = Itq.fitWithCodes(d, new MethodConfig(8, 3), TrainingContext.quiet());
        INDArray rot = r.rotation();
        INDArray rtr = rot.transpose().mmul(rot);
        assertTrue(rtr.equalsWithEps(Nd4j.eye(8).castTo(rtr.dataType()), 1e-9), rtr.toString());
        assertEquals(d.size(), r.signs().rows());
        assertEquals(8, r.signs().columns());
        // every entry is ±1
        assertEquals(d.size() * 8.0, Matrices.squaredNorm(r.signs()), 1e-9);
        BinaryCodes fromModel = r.model().encode(d.features());
        BinaryCodes fromTraining = r.codes();
        int differing = 0;
        for (int i = 0; i < d.size(); i++) {
            for (int b = 0; b < 8; b++) {
                if (fromModel.get(i, b) != fromTraining.get(i, b)) {
                    differing++;
                }
            }
        }
        // The model holds float parameters; only values within rounding of 0 may flip.
        assertTrue(differing <= 2, differing + " bits differ");
    }

    @Test
    void sameSeedSameModelDifferentSeedDifferentRotation() {
        FeatureSet d = data();
        BinaryCodes a = new Itq().fit(d, new MethodConfig(8, 1), TrainingContext.quiet()).encode(d.features());
        BinaryCodes b = new Itq().fit(d, new MethodConfig(8, 1), TrainingContext.quiet()).encode(d.features());
        assertEquals(a, b);
        INDArray r1 = Itq.fitWithCodes(d, new MethodConfig(8, 1), TrainingContext.quiet()).rotation();
        INDArray r2 = Itq.fitWithCodes(d, new MethodConfig(8, 2), TrainingContext.quiet()).rotation();
        assertTrue(!r1.equalsWithEps(r2, 1e-6));
    }

    @Test
    void codesOfCentredDataAreRoughlyBalanced() {
        // ITQ's codes of zero-mean data are close to balanced: each bit is set for about half the items.
        FeatureSet d = data();
        ItqResult r = Itq.fitWithCodes(d, new MethodConfig(8, 9), TrainingContext.quiet());
        for (double bal : r.codes().bitBalance()) {
            assertTrue(Math.abs(bal) < 0.35, "bit balance " + bal);
        }
    }

    @Test
    void saveAndLoadGiveIdenticalCodes(@TempDir Path dir) {
        FeatureSet d = data();
        TrainedModel m = new Itq().fit(d, new MethodConfig(12, 4), TrainingContext.quiet());
        Path file = dir.resolve("itq.zip");
        ModelFiles.save(file, m, Map.of());
        TrainedModel back = ModelFiles.load(file);
        assertEquals("itq", back.method());
        assertEquals(12, back.bits());
        assertEquals(m.encode(d.features()), back.encode(d.features()));
        assertEquals(m.modelProvenance().data(), back.modelProvenance().data());
        assertEquals(m.modelProvenance().data().trainingSize(), d.size());
    }

    @Test
    void badInputIsAOneLineError() {
        FeatureSet d = data();
        HashingException e = assertThrows(HashingException.class,
                () -> new Itq().fit(d, new MethodConfig(17, 1), TrainingContext.quiet()));
        assertTrue(e.getMessage().contains("17") && !e.getMessage().contains("\n"), e.getMessage());
        assertThrows(HashingException.class,
                () -> new Itq().fit(d, new MethodConfig(8, 1).with("iteratons", 5), TrainingContext.quiet()));
        FeatureSet one = new FeatureSet(new float[][] {{1, 2, 3}}, null, null, "one");
        assertThrows(HashingException.class, () -> new Itq().fit(one, new MethodConfig(2, 1), TrainingContext.quiet()));
    }
}
