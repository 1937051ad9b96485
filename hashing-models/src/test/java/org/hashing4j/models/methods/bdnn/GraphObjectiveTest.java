package org.hashing4j.models.methods.bdnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The full BDNN objectives as L-BFGS sees them: the value equals the formula of METHODS.md computed
 * directly with ND4J, and the gradient equals central finite differences (double precision).
 */
class GraphObjectiveTest {
    private static final Map<String, Object> LAMBDAS = Map.of("lambda1", 1e-2, "lambda2", 0.5, "lambda3", 0.3,
            "lambda4", 0.2, "precision", "double", "hidden1", 5, "hidden2", 4);

    private static double sq(INDArray a) {
        double n = a.norm2Number().doubleValue();
        return n * n;
    }

    private static INDArray p(ComputationGraph g, String layer, String key) {
        return g.getLayer(layer).getParam(key);
    }

    private static INDArray codes(ComputationGraph g, INDArray x) {
        INDArray a1 = Transforms.sigmoid(x.mmul(p(g, "h1", "W")).addiRowVector(p(g, "h1", "b")));
        INDArray a2 = Transforms.sigmoid(a1.mmul(p(g, "h2", "W")).addiRowVector(p(g, "h2", "b")));
        return a2.mmul(p(g, "code", "W")).addiRowVector(p(g, "code", "b"));
    }

    /** λ1/2 Σ‖W‖² + λ2/(2m)‖H − B‖² + λ3/2‖HᵀH/m − I‖² + λ4/(2m)‖Hᵀ1‖² (the terms both variants share). */
    private static double sharedTerms(ComputationGraph g, INDArray h, INDArray b, BdnnSettings s) {
        double m = h.rows();
        double decay = 0;
        for (String l : BdnnNetworks.WEIGHT_LAYERS) {
            if (BdnnTraining.hasLayer(g, l)) {
                decay += sq(p(g, l, "W"));
            }
        }
        return s.lambda1 / 2 * decay + s.lambda2 / (2 * m) * sq(h.sub(b))
                + s.lambda3 / 2 * sq(h.transpose().mmul(h).divi(m).subi(Nd4j.eye(h.columns())))
                + s.lambda4 / (2 * m) * sq(h.sum(0));
    }

    private static void assertGradientMatchesFiniteDifferences(GraphObjective f) {
        double[] x = f.parameters();
        double[] g = new double[x.length];
        f.valueAndGradient(x, g);
        double eps = 1e-6;
        // About 40 evenly spaced parameters (every layer is hit): enough to catch a scaling or
        // ordering error, and it keeps the test fast.
        int step = Math.max(1, x.length / 40);
        for (int i = 0; i < x.length; i += step) {
            double orig = x[i];
            x[i] = orig + eps;
            double plus = f.valueAndGradient(x, new double[x.length]);
            x[i] = orig - eps;
            double minus = f.valueAndGradient(x, new double[x.length]);
            x[i] = orig;
            double numeric = (plus - minus) / (2 * eps);
            assertEquals(numeric, g[i], 1e-6 + 1e-5 * Math.abs(numeric), "parameter " + i);
        }
    }

    @Test
    void unsupervisedObjectiveValueAndGradient() {
        FeatureSet data = BdnnTestData.clusters(20, 6, 3, 0.5, 1);
        BdnnSettings s = BdnnSettings.unsupervised("uh-bdnn", new MethodConfig(3, 2, LAMBDAS));
        ComputationGraph g = BdnnNetworks.unsupervised(6, s);
        INDArray x = MinRangeScaler.fit(data.features()).apply(data.features(), DataType.DOUBLE);
        INDArray b = BdnnTraining.signMatrix(Nd4j.randn(DataType.DOUBLE, 20, 3));
        GraphObjective f = new GraphObjective(g, BdnnNetworks.WEIGHT_LAYERS, s.lambda1);
        f.setData(new INDArray[] {x, b}, BdnnTraining.labelsFor(g, Map.of(BdnnNetworks.EQUALITY, b, BdnnNetworks.RECONSTRUCTION, x)));

        INDArray h = codes(g, x);
        INDArray recon = x.sub(b.mmul(p(g, "reconstruction", "W"))).subiRowVector(p(g, "reconstruction", "b"));
        double expected = sq(recon) / (2 * 20) + sharedTerms(g, h, b, s);
        assertEquals(expected, f.value(), 1e-10 * expected);
        assertGradientMatchesFiniteDifferences(f);
    }

    @Test
    void subsetOfVariablesAndExactDecoder() {
        FeatureSet data = BdnnTestData.clusters(20, 6, 3, 0.5, 8);
        BdnnSettings s = BdnnSettings.unsupervised("uh-bdnn", new MethodConfig(3, 2, LAMBDAS));
        ComputationGraph g = BdnnNetworks.unsupervised(6, s);
        INDArray x = MinRangeScaler.fit(data.features()).apply(data.features(), DataType.DOUBLE);
        INDArray b = BdnnTraining.signMatrix(Nd4j.randn(DataType.DOUBLE, 20, 3));
        INDArray[] labels = BdnnTraining.labelsFor(g, Map.of(BdnnNetworks.EQUALITY, b, BdnnNetworks.RECONSTRUCTION, x));
        GraphObjective all = new GraphObjective(g, BdnnNetworks.WEIGHT_LAYERS, s.lambda1);
        all.setData(new INDArray[] {x, b}, labels);
        GraphObjective encoder = new GraphObjective(g, BdnnNetworks.WEIGHT_LAYERS, s.lambda1, BdnnTraining.encoderLayers());
        encoder.setData(new INDArray[] {x, b}, labels);
        assertEquals(6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3, encoder.size());
        assertEquals(all.value(), encoder.value(), 1e-12);
        assertGradientMatchesFiniteDifferences(encoder);

        GraphObjective decoder = new GraphObjective(g, BdnnNetworks.WEIGHT_LAYERS, s.lambda1,
                java.util.List.of(BdnnNetworks.RECONSTRUCTION));
        decoder.setData(new INDArray[] {x, b}, labels);
        double before = decoder.value();
        DecoderStep.solve(x, b, s.lambda1, p(g, "reconstruction", "W"), p(g, "reconstruction", "b"));
        double[] grad = new double[decoder.size()];
        double after = decoder.valueAndGradient(decoder.parameters(), grad);
        assertEquals(true, after < before);
        for (double v : grad) {
            assertEquals(0.0, v, 1e-9, "decoder gradient at the exact solution");
        }
    }

    @Test
    void supervisedObjectiveValueAndGradientFactoredEqualsExplicit() {
        FeatureSet data = BdnnTestData.clusters(18, 6, 3, 0.5, 3);
        INDArray x = MinRangeScaler.fit(data.features()).apply(data.features(), DataType.DOUBLE);
        INDArray y = ShBdnnTrainer.labelMatrix(data.labels()).castTo(DataType.DOUBLE);
        INDArray b = BdnnTraining.signMatrix(Nd4j.randn(DataType.DOUBLE, 18, 3));
        double[] values = new double[2];
        String[] modes = {"factored", "explicit"};
        for (int k = 0; k < 2; k++) {
            java.util.Map<String, Object> params = new java.util.HashMap<>(LAMBDAS);
            params.put("pairwise", modes[k]);
            params.put("lambda5", 0.7);
            BdnnSettings s = BdnnSettings.supervised("sh-bdnn", new MethodConfig(3, 4, params));
            ComputationGraph g = BdnnNetworks.supervised(6, s);
            GraphObjective f = new GraphObjective(g, BdnnNetworks.WEIGHT_LAYERS, s.lambda1);
            f.setData(new INDArray[] {x}, BdnnTraining.labelsFor(g, Map.of(BdnnNetworks.PAIRWISE, y, BdnnNetworks.EQUALITY, b)));
            INDArray h = codes(g, x);
            INDArray sMatrix = y.mmul(y.transpose()).muli(2).subi(1);
            double pairwise = s.lambda5 / (2 * 18) * sq(h.mmul(h.transpose()).divi(3).subi(sMatrix));
            double expected = pairwise + sharedTerms(g, h, b, s);
            values[k] = f.value();
            assertEquals(expected, values[k], 1e-10 * expected, modes[k]);
            assertGradientMatchesFiniteDifferences(f);
        }
        assertEquals(values[0], values[1], 1e-10 * values[0]);
    }
}
