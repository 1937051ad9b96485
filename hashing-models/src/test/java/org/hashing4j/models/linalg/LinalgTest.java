package org.hashing4j.models.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LinalgTest {
    private static INDArray randomSymmetric(int d, long seed, boolean positive) {
        Random rng = new Random(seed);
        double[][] g = new double[d][d];
        for (double[] row : g) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        INDArray m = Matrices.of(g);
        return positive ? m.transpose().mmul(m).addi(Matrices.identity(d).muli(0.1)) : m.add(m.transpose());
    }

    @Test
    void symmetricEigenReconstructsWithDescendingValuesAndFixedSigns() {
        INDArray a = randomSymmetric(7, 1, false);
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] v = e.values();
        for (int k = 1; k < v.length; k++) {
            assertTrue(v[k] <= v[k - 1]);
        }
        INDArray vecs = e.vectors();
        assertTrue(vecs.transpose().mmul(vecs).equalsWithEps(Matrices.identity(7), 1e-10));
        INDArray back = vecs.mulRowVector(Matrices.rowVector(v)).mmul(vecs.transpose());
        assertTrue(back.equalsWithEps(a, 1e-9));
        for (int k = 0; k < 7; k++) {
            double[] col = Matrices.toVector(vecs.getColumn(k));
            int arg = 0;
            for (int i = 1; i < col.length; i++) {
                if (Math.abs(col[i]) > Math.abs(col[arg])) {
                    arg = i;
                }
            }
            assertTrue(col[arg] > 0);
        }
        // A known case: diag(1, 3, 2) has eigenvalues 3, 2, 1 with unit-vector eigenvectors.
        SymmetricEigen diag = SymmetricEigen.of(Matrices.of(new double[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 2}}));
        assertArrayEquals(new double[] {3, 2, 1}, diag.values(), 1e-12);
        assertEquals(1.0, diag.vectors().getDouble(1, 0), 1e-12);
        assertEquals(1.0, diag.vectors().getDouble(2, 1), 1e-12);
    }

    @Test
    void generalisedEigenSolvesAvEqualsLambdaBv() {
        INDArray a = randomSymmetric(6, 2, false);
        INDArray b = randomSymmetric(6, 3, true);
        SymmetricEigen e = SymmetricEigen.generalized(a, b, 1e-12);
        assertEquals(6, e.size());
        double[] lambda = e.values();
        for (int k = 0; k < 6; k++) {
            INDArray v = e.vectors().getColumn(k).reshape(6, 1);
            INDArray lhs = a.mmul(v);
            INDArray rhs = b.mmul(v).muli(lambda[k]);
            assertTrue(lhs.equalsWithEps(rhs, 1e-8), "pair " + k);
            assertEquals(1.0, v.transpose().mmul(b).mmul(v).getDouble(0), 1e-9);
        }
    }

    @Test
    void shiftedInverseIsTheRidgeInverse() {
        INDArray a = randomSymmetric(5, 4, true);
        INDArray inv = SymmetricEigen.of(a).shiftedInverse(0.5);
        INDArray prod = a.add(Matrices.identity(5).muli(0.5)).mmul(inv);
        assertTrue(prod.equalsWithEps(Matrices.identity(5), 1e-9));
        INDArray negative = Matrices.identity(3).muli(-1);
        assertThrows(HashingException.class, () -> SymmetricEigen.of(negative).shiftedInverse(0.5));
    }

    @Test
    void svdReconstructsAndProcrustesFindsAKnownRotation() {
        Random rng = new Random(5);
        double[][] g = new double[5][3];
        for (double[] row : g) {
            for (int j = 0; j < 3; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        INDArray m = Matrices.of(g);
        Svd svd = Svd.of(m);
        double[] s = svd.singularValues();
        INDArray sigma = Matrices.of(new double[5][3]);
        for (int k = 0; k < 3; k++) {
            sigma.putScalar(k, k, s[k]);
        }
        assertTrue(svd.u().mmul(sigma).mmul(svd.vt()).equalsWithEps(m, 1e-10));
        // Procrustes: if B = V·R0 exactly, the optimal rotation for C = BᵀV is R0.
        INDArray r0 = Svd.randomOrthogonal(3, new Random(6));
        INDArray r = Svd.procrustes(m.mmul(r0).transpose().mmul(m));
        assertTrue(r.equalsWithEps(r0, 1e-9), r + " vs " + r0);
    }

    @Test
    void covarianceAndProjectionMatchDirectComputation() {
        float[][] x = {{1, 2}, {3, 5}, {6, 4}, {2, 2}};
        double[] mean = Matrices.columnMeans(x);
        assertArrayEquals(new double[] {3, 3.25}, mean, 1e-12);
        INDArray c = Matrices.covariance(x, mean);
        // Σ (x−μ)(x−μ)ᵀ / (n−1) by hand
        double cxx = (4 + 0 + 9 + 1) / 3.0;
        double cxy = ((-2) * (-1.25) + 0 * 1.75 + 3 * 0.75 + (-1) * (-1.25)) / 3.0;
        assertEquals(cxx, c.getDouble(0, 0), 1e-12);
        assertEquals(cxy, c.getDouble(0, 1), 1e-12);
        INDArray w = Matrices.of(new double[][] {{1}, {-1}});
        INDArray p = Matrices.centredTimes(x, mean, w);
        assertEquals(-2 - (-1.25), p.getDouble(0, 0), 1e-12);
        INDArray t = Matrices.centredTransposeTimes(x, mean, Matrices.of(new double[][] {{1}, {1}, {1}, {1}}));
        assertEquals(0.0, t.getDouble(0, 0), 1e-12);
    }

    @Test
    void labelMatricesForSingleAndMultiLabel() {
        INDArray y = Matrices.labelMatrix(Labels.singleLabel(new int[] {2, 0}));
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, Matrices.toVector(y), 0);
        Labels multi = Labels.multiHot(new int[][] {{1, 1, 0}, {0, 1, 0}, {0, 0, 1}});
        assertArrayEquals(new double[] {1, 1, 0, 0, 1, 0, 0, 0, 1}, Matrices.toVector(Matrices.labelMatrix(multi)), 0);
        assertArrayEquals(new double[] {1, 1, -1, 1, 1, -1, -1, -1, 1},
                Matrices.toVector(Matrices.signedSimilarity(multi)), 0);
    }

    @Test
    void pcaFindsTheAxesOfConstructedData() {
        Random rng = new Random(7);
        float[][] x = new float[3000][3];
        for (float[] row : x) {
            row[0] = (float) (1 + 0.5 * rng.nextGaussian());
            row[1] = (float) (-2 + 3 * rng.nextGaussian());
            row[2] = (float) (1.5 * rng.nextGaussian());
        }
        Pca pca = Pca.fit(x, 2);
        assertEquals(9, pca.variances()[0], 0.6);
        assertEquals(2.25, pca.variances()[1], 0.2);
        assertEquals(1, Math.abs(pca.components().getDouble(1, 0)), 1e-2);
        assertEquals(1, Math.abs(pca.components().getDouble(2, 1)), 1e-2);
        assertEquals(-2, pca.mean()[1], 0.2);
        assertThrows(HashingException.class, () -> Pca.fit(x, 4));
    }

    @Test
    void rbfFeaturesMatchTheFormula() {
        float[][] anchors = {{0, 0}, {1, 2}};
        RbfAnchorFeatures k = new RbfAnchorFeatures(anchors, 2.0, new double[] {0.25, 0});
        float[][] x = {{1, 1}, {3, -1}};
        INDArray f = k.features(x);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double dx = x[i][0] - anchors[j][0];
                double dy = x[i][1] - anchors[j][1];
                double expected = Math.exp(-(dx * dx + dy * dy) / (2 * 4.0)) - (j == 0 ? 0.25 : 0);
                assertEquals(expected, f.getDouble(i, j), 1e-6);
            }
        }
        double[] stats = RbfAnchorFeatures.distanceStatistics(x, anchors, 10, new Random(1));
        double d00 = Math.sqrt(2);
        double d01 = 1;
        double d10 = Math.sqrt(10);
        double d11 = Math.sqrt(4 + 9);
        assertEquals((d00 + d01 + d10 + d11) / 4, stats[0], 1e-5);
        assertEquals((2 + 1 + 10 + 13) / 4.0, stats[1], 1e-4);
        assertEquals((d01 + d10) / 2, stats[2], 1e-5);
        assertThrows(HashingException.class, () -> new RbfAnchorFeatures(anchors, 0, null));
    }
}
