package org.hashing4j.models.methods.ksh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.projection.ProjectionHashModel;
import org.hashing4j.models.methods.SyntheticData;
import org.hashing4j.models.linalg.Matrices;
import org.hashing4j.models.linalg.RbfAnchorFeatures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class KshSolverTest {
    private static final FeatureSet DATA = SyntheticData.classes(200, 4, 4, 6, 9, 10, "ksh");

    private static INDArray kbar() {
        float[][] anchors = RbfAnchorFeatures.sampleAnchors(DATA.features(), 30, new Random(1));
        RbfAnchorFeatures raw = new RbfAnchorFeatures(anchors, 6.0, null);
        RbfAnchorFeatures k = raw.withCentre(Matrices.columnMeans(raw.features(DATA.features())));
        return k.features(DATA.features());
    }

    private static KshSolver solver(int bits) {
        return new KshSolver(kbar(), DATA.labels(), bits);
    }

    @Test
    void classFactoredResidualAgreesWithTheDenseOne() {
        KshSolver factored = new KshSolver(kbar(), DATA.labels(), 6, false);
        KshSolver dense = new KshSolver(kbar(), DATA.labels(), 6, true);
        assertEquals(dense.residualNorm(), factored.residualNorm(), 1e-9 * dense.residualNorm());
        for (int k = 0; k < 6; k++) {
            KshSolver.Bit a = factored.nextBit(50);
            KshSolver.Bit b = dense.nextBit(50);
            assertEquals(b.cost, a.cost, 1e-6 * Math.abs(b.cost), "bit " + k);
            assertEquals(dense.residualNorm(), factored.residualNorm(), 1e-9 * dense.residualNorm(), "bit " + k);
        }
    }

    @Test
    void smoothGradientMatchesFiniteDifferences() {
        KshSolver s = solver(8);
        Random rng = new Random(2);
        double[] a = new double[30];
        for (int j = 0; j < a.length; j++) {
            a[j] = 0.3 * rng.nextGaussian();
        }
        double[] g = s.smoothGradient(a);
        double h = 1e-6;
        for (int j = 0; j < a.length; j++) {
            double[] plus = a.clone();
            double[] minus = a.clone();
            plus[j] += h;
            minus[j] -= h;
            double numeric = (s.smoothCost(plus) - s.smoothCost(minus)) / (2 * h);
            assertEquals(numeric, g[j], 1e-5 * Math.max(1, Math.abs(numeric)), "component " + j);
        }
    }

    @Test
    void keptBitIsNoWorseThanTheSpectralStartAndTheResidualShrinks() {
        KshSolver s = solver(8);
        double start = s.residualNorm();
        for (int k = 0; k < 8; k++) {
            KshSolver.Bit bit = s.nextBit(200);
            assertTrue(bit.cost <= bit.spectralCost, "bit " + k);
            // −hᵀRh < 0: the bit agrees with the residual, which is what lowers ‖R − hhᵀ‖.
            assertTrue(bit.cost < 0, "bit " + k + " cost " + bit.cost);
        }
        assertTrue(s.residualNorm() < 0.6 * start, start + " -> " + s.residualNorm());
    }

    @Test
    void trainingRecordsTheResidualPerBit() {
        FeatureSet d = SyntheticData.classes(300, 4, 4, 6, 9, 10, "ksh");
        ProjectionHashModel m = (ProjectionHashModel) new Ksh().fit(d,
                new MethodConfig(6, 1, Map.of("anchors", 40, "labelled", 150)), TrainingContext.quiet());
        @SuppressWarnings("unchecked")
        List<Double> residual = (List<Double>) m.modelProvenance().details().get("residual");
        assertEquals(7, residual.size());
        assertTrue(residual.get(6) < residual.get(0));
        assertEquals(150, m.modelProvenance().details().get("labelled"));
        assertEquals(40, m.kernel().anchorCount());
    }
}
