package org.hashing4j.models.methods.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.methods.SyntheticData;
import org.junit.jupiter.api.Test;

class LshTest {
    // Skewed, off-centre data: exponential coordinates shifted far from the origin.
    private static FeatureSet skewed() {
        float[][] x = SyntheticData.anisotropic(300, new double[] {1, 2, 0.5, 1, 3, 1, 1, 2}, 0, 3);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (5 + Math.exp(row[j] / 2));
            }
        }
        return new FeatureSet(x, null, null, "skewed");
    }

    @Test
    void bitsAreBalancedInExpectationOverSeeds() {
        FeatureSet d = skewed();
        int seeds = 120;
        int bits = 8;
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < seeds; s++) {
            BinaryCodes c = new Lsh().fit(d, new MethodConfig(bits, s), TrainingContext.quiet()).encode(d.features());
            for (double b : c.bitBalance()) {
                sum += b;
                sumSq += b * b;
            }
        }
        int count = seeds * bits;
        double mean = sum / count;
        double sd = Math.sqrt(sumSq / count - mean * mean);
        // A random Gaussian hyperplane through the data mean sets a bit with probability 1/2 over the
        // draw (w and −w are equally likely), so the mean balance is 0 within its standard error.
        assertTrue(Math.abs(mean) < 4 * sd / Math.sqrt(count) + 1e-3, "mean balance " + mean + " sd " + sd);
    }

    @Test
    void centringMattersForOffCentreData() {
        FeatureSet d = skewed();
        double centred = 0;
        double raw = 0;
        for (int s = 0; s < 20; s++) {
            for (double b : new Lsh().fit(d, new MethodConfig(8, s), TrainingContext.quiet()).encode(d.features()).bitBalance()) {
                centred += Math.abs(b);
            }
            for (double b : new Lsh().fit(d, new MethodConfig(8, s).with("centre", false), TrainingContext.quiet())
                    .encode(d.features()).bitBalance()) {
                raw += Math.abs(b);
            }
        }
        // Hyperplanes through the origin miss the cloud at (5+, 5+, ...) and put it all on one side.
        assertTrue(raw / 160 > 0.9, "uncentred mean |balance| " + raw / 160);
        // Through the mean of this skewed cloud the split is not at the median, but far less lopsided.
        assertTrue(centred < 0.5 * raw, "centred mean |balance| " + centred / 160);
    }

    @Test
    void theSeedPicksTheHyperplanes() {
        FeatureSet d = skewed();
        BinaryCodes a = new Lsh().fit(d, new MethodConfig(16, 1), TrainingContext.quiet()).encode(d.features());
        BinaryCodes b = new Lsh().fit(d, new MethodConfig(16, 1), TrainingContext.quiet()).encode(d.features());
        BinaryCodes c = new Lsh().fit(d, new MethodConfig(16, 2), TrainingContext.quiet()).encode(d.features());
        assertEquals(a, b);
        assertNotEquals(a, c);
        // LSH has no upper bit limit: more hyperplanes than dimensions is fine.
        assertEquals(40, new Lsh().fit(d, new MethodConfig(40, 1), TrainingContext.quiet()).encode(d.features()).bits());
    }
}
