package org.hashing4j.models.methods.sh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.methods.SyntheticData;
import org.junit.jupiter.api.Test;

class SpectralHashingTest {
    /** Uniform points in a box with sides 6, 2.5 and 1, rotated by Q and shifted. */
    private static float[][] box(double[][] q, int n) {
        Random rng = new Random(4);
        double[] sides = {6, 2.5, 1};
        float[][] x = new float[n][3];
        for (float[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = (float) (sides[j] * (rng.nextDouble() - 0.5));
            }
        }
        return SyntheticData.rotate(x, q, 2);
    }

    @Test
    void picksTheModesWithTheSmallestEigenvalues() {
        double[][] q = SyntheticData.randomOrthogonal(3, 8);
        float[][] x = box(q, 3000);
        SpectralHashModel m = (SpectralHashModel) new SpectralHashing()
                .fit(new FeatureSet(x, null, null, "box"), new MethodConfig(4, 1), TrainingContext.quiet());
        // Frequencies k/side: 1/6 < 2/6 < 1/2.5 < 3/6 < 4/6 < 2/2.5 < 1/1, so the first four bits are
        // modes 1 and 2 of the long axis, mode 1 of the middle axis, mode 3 of the long axis.
        int[][] expected = {{1, 0, 0}, {2, 0, 0}, {0, 1, 0}, {3, 0, 0}};
        int[][] modes = m.modes();
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(expected[k], modes[k], "bit " + k);
        }
        // PCA recovered the box axes (the columns of Q), longest first.
        float[][] w = m.components();
        for (int a = 0; a < 3; a++) {
            double align = 0;
            for (int i = 0; i < 3; i++) {
                align += w[i][a] * q[i][a];
            }
            assertTrue(Math.abs(align) > 0.99, "axis " + a + " alignment " + align);
        }
        // Bit 0 is cos(π·(y − a)/(b − a)) ≥ 0: it splits the long axis at the middle of the box,
        // bit 1 (mode 2) marks the outer quarters of it.
        BinaryCodes c = m.encode(x);
        double[][] y = org.hashing4j.models.linalg.Matrices.toDouble(m.pcaProjections(x));
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double[] row : y) {
            lo = Math.min(lo, row[0]);
            hi = Math.max(hi, row[0]);
        }
        int agree0 = 0;
        int agree1 = 0;
        for (int i = 0; i < x.length; i++) {
            double t = (y[i][0] - lo) / (hi - lo);
            agree0 += c.get(i, 0) == (t <= 0.5) ? 1 : 0;
            agree1 += c.get(i, 1) == (t <= 0.25 || t >= 0.75) ? 1 : 0;
        }
        assertTrue(agree0 >= x.length - 2, agree0 + " of " + x.length);
        assertTrue(agree1 >= x.length - 2, agree1 + " of " + x.length);
        assertEquals(0, c.bitBalance()[0], 0.06);
    }

    @Test
    void moreBitsThanDimensionsUseHigherModes() {
        float[][] x = box(SyntheticData.randomOrthogonal(3, 9), 1000);
        SpectralHashModel m = (SpectralHashModel) new SpectralHashing()
                .fit(new FeatureSet(x, null, null, "box"), new MethodConfig(10, 1), TrainingContext.quiet());
        assertEquals(10, m.bits());
        int[] perAxis = new int[3];
        for (int[] mode : m.modes()) {
            int nonZero = 0;
            for (int j = 0; j < 3; j++) {
                if (mode[j] != 0) {
                    perAxis[j]++;
                    nonZero++;
                }
            }
            assertEquals(1, nonZero);
        }
        // Frequencies below 1/1: long axis k = 1..5 (k/6 ≤ 5/6), middle axis k = 1, 2; then the ties at
        // 1 (6/6, 2.5·0.4 ... ) fill the rest; the long axis gets the most bits.
        assertTrue(perAxis[0] > perAxis[1] && perAxis[1] >= perAxis[2], java.util.Arrays.toString(perAxis));
    }
}
