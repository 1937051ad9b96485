package org.hashing4j.models.methods.pcah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.projection.ProjectionHashModel;
import org.hashing4j.models.methods.SyntheticData;
import org.junit.jupiter.api.Test;

class PcahTest {
    @Test
    void directionsAreOrthonormalAndMatchTheKnownPrincipalAxes() {
        // Axis-aligned Gaussian with distinct variances, rotated by a known Q: the principal axes are Q's columns.
        double[] scales = {5, 3, 2, 1, 0.5, 0.3};
        double[][] q = SyntheticData.randomOrthogonal(6, 21);
        float[][] x = SyntheticData.rotate(SyntheticData.anisotropic(4000, scales, 0, 22), q, 7);
        FeatureSet d = new FeatureSet(x, null, null, "rotated");
        ProjectionHashModel m = (ProjectionHashModel) new Pcah().fit(d, new MethodConfig(4, 1), TrainingContext.quiet());
        float[][] w = m.projection();
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double dot = 0;
                for (int i = 0; i < 6; i++) {
                    dot += w[i][a] * w[i][b];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-5);
            }
            double align = 0;
            for (int i = 0; i < 6; i++) {
                align += w[i][a] * q[i][a];
            }
            assertTrue(Math.abs(align) > 0.99, "direction " + a + " alignment " + align);
        }
        // Each bit splits the data through its mean, so bits are nearly balanced.
        for (double b : m.encode(x).bitBalance()) {
            assertTrue(Math.abs(b) < 0.1, "balance " + b);
        }
    }

    @Test
    void moreBitsThanDimensionsIsAOneLineError() {
        FeatureSet d = new FeatureSet(SyntheticData.anisotropic(50, new double[] {1, 2, 3}, 0, 1), null, null, "small");
        HashingException e = assertThrows(HashingException.class,
                () -> new Pcah().fit(d, new MethodConfig(4, 1), TrainingContext.quiet()));
        assertTrue(e.getMessage().contains("pcah") && e.getMessage().contains("4") && !e.getMessage().contains("\n"),
                e.getMessage());
    }
}
