package org.hashing4j.models.methods.sdh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.projection.ProjectionHashModel;
import org.hashing4j.models.methods.SyntheticData;
import org.hashing4j.models.linalg.Matrices;
import org.hashing4j.models.linalg.RbfAnchorFeatures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SdhSolverTest {
    private static SdhSolver solver(double nu, long seed) {
        FeatureSet d = SyntheticData.classes(300, 4, 4, 6, 5, 6, "sdh");
        Random rng = new Random(seed);
        float[][] anchors = RbfAnchorFeatures.sampleAnchors(d.features(), 40, rng);
        RbfAnchorFeatures k = new RbfAnchorFeatures(anchors, 5.0, null);
        INDArray phi = Nd4j.ones(DataType.DOUBLE, d.size(), 41);
        phi.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 40)).assign(k.features(d.features()));
        return new SdhSolver(phi, Matrices.labelMatrix(d.labels()), 12, 1.0, nu, 1e-2, 10, rng);
    }

    @Test
    void discreteBStepLowersTheObjective() {
        // A large ν makes the hash-function term matter, so the B-step trades off both terms.
        for (double nu : new double[] {1e-5, 1.0}) {
            SdhSolver s = solver(nu, 1);
            double before = s.objective();
            long changed = s.bStep();
            double after = s.objective();
            assertTrue(changed > 0, "the B-step changed no bit of random codes");
            assertTrue(after < before, "nu=" + nu + ": J " + before + " -> " + after);
        }
    }

    @Test
    void everyStepIsABlockMinimiserSoTheObjectiveNeverRises() {
        SdhSolver s = solver(0.1, 2);
        double j = s.objective();
        for (int it = 0; it < 5; it++) {
            s.bStep();
            double afterB = s.objective();
            s.gStep();
            double afterG = s.objective();
            s.fStep();
            double afterF = s.objective();
            double tol = 1e-9 * Math.abs(j);
            assertTrue(afterB <= j + tol, "B-step raised J: " + j + " -> " + afterB);
            assertTrue(afterG <= afterB + tol, "G-step raised J: " + afterB + " -> " + afterG);
            assertTrue(afterF <= afterG + tol, "F-step raised J: " + afterG + " -> " + afterF);
            j = afterF;
        }
    }

    @Test
    void aConvergedBStepIsAFixedPoint() {
        // Once a B-step has converged (a sweep changed nothing), each column is its own exact minimiser
        // given the others, so further B-steps leave B and J unchanged.
        SdhSolver s = solver(0.5, 3);
        s.bStep();
        double j = s.objective();
        INDArray b = s.signs();
        assertEquals(b.length(), Matrices.squaredNorm(b), 1e-9); // entries are ±1
        assertTrue(s.lastSweeps() >= 1);
        for (int trial = 0; trial < 3; trial++) {
            s.bStep(); // already converged: one sweep, nothing changes
            assertEquals(j, s.objective(), 1e-9 * Math.abs(j));
        }
    }

    @Test
    void trainingRecordsANonIncreasingObjective() {
        FeatureSet d = SyntheticData.classes(300, 4, 4, 6, 5, 6, "sdh");
        ProjectionHashModel m = (ProjectionHashModel) new Sdh().fit(d,
                new MethodConfig(8, 1, java.util.Map.of("anchors", 50)), TrainingContext.quiet());
        @SuppressWarnings("unchecked")
        List<Double> objective = (List<Double>) m.modelProvenance().details().get("objective");
        assertEquals(6, objective.size());
        for (int t = 1; t < objective.size(); t++) {
            assertTrue(objective.get(t) <= objective.get(t - 1) * (1 + 1e-12), objective.toString());
        }
        assertEquals(50, m.kernel().anchorCount());
        // the provenance records every setting, defaults and the run's training size included
        java.util.Map<String, Object> settings = m.modelProvenance().settings();
        assertEquals(50, settings.get("anchors"));
        assertEquals(5, settings.get("iterations"));
        assertEquals(1e-5, settings.get("nu"));
        assertEquals(300, settings.get("train_samples"));
    }
}
