package org.hashing4j.models.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LbfgsTest {
    /** Extended Rosenbrock function, minimum 0 at (1, …, 1). */
    private static double rosenbrock(double[] x, double[] g) {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    @Test
    void findsTheRosenbrockMinimum() {
        double[] x0 = new double[10];
        for (int i = 0; i < x0.length; i += 2) {
            x0[i] = -1.2;
            x0[i + 1] = 1.0;
        }
        Lbfgs.Result r = new Lbfgs(500, 10, 1e-9, 1e-15).minimize(LbfgsTest::rosenbrock, x0, null);
        for (double v : r.x()) {
            assertEquals(1.0, v, 1e-5);
        }
        assertTrue(r.value() < 1e-10);
        assertTrue(r.iterations() < 200, "took " + r.iterations());
    }

    @Test
    void valueHistoryDecreasesAndQuadraticIsSolved() {
        Random rnd = new Random(3);
        int n = 30;
        double[][] a = new double[n][n];
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = 0.1 + 10 * rnd.nextDouble(); // condition number ~100
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextGaussian();
        }
        DifferentiableFunction f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < n; i++) {
                g[i] = diag[i] * x[i] - b[i];
                v += 0.5 * diag[i] * x[i] * x[i] - b[i] * x[i];
            }
            return v;
        };
        Lbfgs.Result r = Lbfgs.withIterations(200).minimize(f, new double[n], null);
        double[] h = r.valueHistory();
        for (int i = 1; i < h.length; i++) {
            assertTrue(h[i] < h[i - 1], "value increased at iteration " + i);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(b[i] / diag[i], r.x()[i], 1e-4);
        }
    }

    @Test
    void zeroIterationsEvaluatesOnce() {
        Lbfgs.Result r = Lbfgs.withIterations(0).minimize(LbfgsTest::rosenbrock, new double[] {0, 0}, null);
        assertEquals(1.0, r.value());
        assertEquals(1, r.evaluations());
        assertEquals(Lbfgs.Stop.MAX_ITERATIONS, r.stop());
    }
}
