package org.hashing4j.models.methods.itqcca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.projection.ProjectionHashModel;
import org.hashing4j.models.methods.SyntheticData;
import org.junit.jupiter.api.Test;

class ItqCcaTest {
    @Test
    void canonicalCorrelationsFollowTheNumberOfClassesAndDirectionsUseTheSignal() {
        // 4 classes separated in coordinates 0..3, noise in 4..11: a centred one-hot label matrix has
        // rank 3, so exactly 3 canonical correlations are large and the rest vanish.
        FeatureSet d = SyntheticData.classes(800, 4, 4, 8, 3, 4, "cca");
        ProjectionHashModel m = (ProjectionHashModel) new ItqCca().fit(d, new MethodConfig(6, 1), TrainingContext.quiet());
        double[] rho = (double[]) m.modelProvenance().details().get("canonical_correlations");
        assertEquals(6, rho.length);
        for (int k = 0; k < 3; k++) {
            assertTrue(rho[k] > 0.8, "rho[" + k + "] = " + rho[k]);
        }
        for (int k = 3; k < 6; k++) {
            assertTrue(rho[k] < 0.15, "rho[" + k + "] = " + rho[k]);
        }
        // The learned projection W·diag(ρ)·R weighs the signal coordinates far above the noise.
        float[][] w = m.projection();
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < w.length; i++) {
            for (float v : w[i]) {
                if (i < 4) {
                    signal += v * v;
                } else {
                    noise += v * v;
                }
            }
        }
        assertTrue(signal > 20 * noise, "signal " + signal + " noise " + noise);
        double[] loss = (double[]) m.modelProvenance().details().get("quantisation_loss");
        for (int t = 1; t < loss.length; t++) {
            assertTrue(loss[t] <= loss[t - 1] * (1 + 1e-12));
        }
    }
}
