package org.hashing4j.models.optim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Limited-memory BFGS for full-batch minimisation (the optimiser BDNN's authors used through
 * minFunc): two-loop recursion over the last {@code memory} (s, y) pairs with the initial scaling
 * sᵀy/yᵀy, and a line search that enforces the strong Wolfe conditions (bracketing, then zooming
 * with safeguarded cubic interpolation; Nocedal &amp; Wright, Algorithms 3.5 and 3.6).
 *
 * <p>Stops after {@code maxIterations} iterations, when the largest gradient entry falls below
 * {@code gradientTolerance}, when an iteration changes f or x by less than
 * {@code progressTolerance}, or when the line search cannot decrease f (e.g. at float precision).
 * Every accepted step decreases f, so the value history is strictly decreasing.
 */
public final class Lbfgs {
    /** Why the optimisation ended. */
    public enum Stop { MAX_ITERATIONS, GRADIENT_SMALL, NO_PROGRESS, LINE_SEARCH_FAILED }

    /** Called after every iteration. */
    @FunctionalInterface
    public interface Monitor {
        void iteration(int iteration, double value, int evaluations);
    }

    /** The outcome: final point, its value and gradient, iteration and evaluation counts. */
    public record Result(double[] x, double value, double[] gradient, int iterations, int evaluations,
            double[] valueHistory, Stop stop) {
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;

    private final int maxIterations;
    private final int memory;
    private final double gradientTolerance;
    private final double progressTolerance;
    private final int maxLineSearchEvaluations;

    /**
     * @param maxIterations     iteration limit (0 evaluates f once and returns)
     * @param memory            number of correction pairs kept
     * @param gradientTolerance stop when max |∂f/∂x_i| ≤ this
     * @param progressTolerance stop when |Δf| or max |Δx_i| of an iteration is ≤ this
     */
    public Lbfgs(int maxIterations, int memory, double gradientTolerance, double progressTolerance) {
        if (maxIterations < 0 || memory < 1) {
            throw new IllegalArgumentException("maxIterations >= 0 and memory >= 1 required");
        }
        this.maxIterations = maxIterations;
        this.memory = memory;
        this.gradientTolerance = gradientTolerance;
        this.progressTolerance = progressTolerance;
        this.maxLineSearchEvaluations = 25;
    }

    /** The defaults used for BDNN: memory 20 (minFunc keeps 100; 20 suffices here), tolerances 1e-5 / 1e-9. */
    public static Lbfgs withIterations(int maxIterations) {
        return new Lbfgs(maxIterations, 20, 1e-5, 1e-9);
    }

    /** Minimises {@code f} from {@code x0} (not modified). */
    public Result minimize(DifferentiableFunction f, double[] x0, Monitor monitor) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evaluations = 1;
        checkFinite(fx);
        List<Double> history = new ArrayList<>();
        history.add(fx);
        Deque<double[][]> pairs = new ArrayDeque<>(); // {s, y, {1/(yᵀs)}}, newest last
        double[] d = new double[n];
        Stop stop = Stop.MAX_ITERATIONS;
        int iter = 0;
        if (maxAbs(g) <= gradientTolerance) {
            stop = Stop.GRADIENT_SMALL;
        }
        while (stop == Stop.MAX_ITERATIONS && iter < maxIterations) {
            direction(g, pairs, d);
            double dg = dot(d, g);
            if (!(dg < 0)) { // not a descent direction: forget the curvature pairs, use steepest descent
                pairs.clear();
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                dg = dot(d, g);
            }
            double initial = iter == 0 ? Math.min(1.0, 1.0 / sumAbs(g)) : 1.0;
            LineSearch ls = new LineSearch(f, x, fx, g, d, dg);
            boolean ok = ls.run(initial);
            evaluations += ls.evaluations;
            if (!ok) {
                stop = Stop.LINE_SEARCH_FAILED;
                break;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            double maxStep = 0;
            for (int i = 0; i < n; i++) {
                s[i] = ls.bestX[i] - x[i];
                y[i] = ls.bestG[i] - g[i];
                maxStep = Math.max(maxStep, Math.abs(s[i]));
            }
            double ys = dot(y, s);
            if (ys > 1e-10 * Math.sqrt(dot(y, y) * dot(s, s))) {
                if (pairs.size() == memory) {
                    pairs.removeFirst();
                }
                pairs.addLast(new double[][] {s, y, {1.0 / ys}});
            }
            double previous = fx;
            x = ls.bestX;
            g = ls.bestG;
            fx = ls.bestF;
            iter++;
            history.add(fx);
            if (monitor != null) {
                monitor.iteration(iter, fx, evaluations);
            }
            if (maxAbs(g) <= gradientTolerance) {
                stop = Stop.GRADIENT_SMALL;
            } else if (previous - fx <= progressTolerance * Math.max(1.0, Math.abs(previous)) || maxStep <= progressTolerance) {
                stop = Stop.NO_PROGRESS;
            }
        }
        double[] hist = history.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(x, fx, g, iter, evaluations, hist, stop);
    }

    /** d = −H·g by the two-loop recursion. */
    private static void direction(double[] g, Deque<double[][]> pairs, double[] d) {
        int n = g.length;
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];
        }
        int k = pairs.size();
        double[] alpha = new double[k];
        Iterator<double[][]> back = pairs.descendingIterator();
        for (int j = k - 1; j >= 0; j--) {
            double[][] p = back.next();
            alpha[j] = p[2][0] * dot(p[0], d);
            axpy(-alpha[j], p[1], d);
        }
        if (k > 0) {
            double[][] newest = pairs.peekLast();
            double gamma = 1.0 / (newest[2][0] * dot(newest[1], newest[1]));
            for (int i = 0; i < n; i++) {
                d[i] *= gamma;
            }
        }
        Iterator<double[][]> fwd = pairs.iterator();
        for (int j = 0; j < k; j++) {
            double[][] p = fwd.next();
            double beta = p[2][0] * dot(p[1], d);
            axpy(alpha[j] - beta, p[0], d);
        }
    }

    /** Strong-Wolfe line search along d from x; keeps the best point with sufficient decrease. */
    private final class LineSearch {
        private final DifferentiableFunction f;
        private final double[] x0;
        private final double f0;
        private final double[] d;
        private final double dg0;
        private final double[] trialX;
        private int evaluations;
        private double[] bestX;
        private double[] bestG;
        private double bestF;

        LineSearch(DifferentiableFunction f, double[] x0, double f0, double[] g0, double[] d, double dg0) {
            this.f = f;
            this.x0 = x0;
            this.f0 = f0;
            this.d = d;
            this.dg0 = dg0;
            this.trialX = new double[x0.length];
            this.bestF = f0;
        }

        /** Value and directional derivative at step a; records the point if it is the best so far. */
        private double[] eval(double a) {
            for (int i = 0; i < x0.length; i++) {
                trialX[i] = x0[i] + a * d[i];
            }
            double[] g = new double[x0.length];
            double fa = f.valueAndGradient(trialX, g);
            evaluations++;
            if (Double.isFinite(fa) && fa < bestF && fa <= f0 + C1 * a * dg0) {
                bestF = fa;
                bestX = trialX.clone();
                bestG = g;
            }
            return new double[] {fa, Double.isFinite(fa) ? dot(g, d) : Double.NaN};
        }

        boolean run(double initial) {
            double aPrev = 0;
            double fPrev = f0;
            double dPrev = dg0;
            double a = initial;
            for (int i = 0; evaluations < maxLineSearchEvaluations; i++) {
                double[] v = eval(a);
                double fa = v[0];
                double da = v[1];
                if (!Double.isFinite(fa)) { // overshoot into overflow: shrink
                    a = aPrev + 0.1 * (a - aPrev);
                    continue;
                }
                if (fa > f0 + C1 * a * dg0 || (i > 0 && fa >= fPrev)) {
                    return zoom(aPrev, fPrev, dPrev, a, fa, da);
                }
                if (Math.abs(da) <= -C2 * dg0) {
                    return true;
                }
                if (da >= 0) {
                    return zoom(a, fa, da, aPrev, fPrev, dPrev);
                }
                double next = cubicMinimiser(aPrev, fPrev, dPrev, a, fa, da);
                double lo = a + 0.01 * (a - aPrev);
                double hi = 10 * a;
                if (!(next >= lo && next <= hi)) {
                    next = hi;
                }
                aPrev = a;
                fPrev = fa;
                dPrev = da;
                a = next;
            }
            return bestX != null;
        }

        private boolean zoom(double lo, double fLo, double dLo, double hi, double fHi, double dHi) {
            while (evaluations < maxLineSearchEvaluations) {
                double width = hi - lo;
                if (Math.abs(width) * maxAbs(d) < 1e-16 * (1 + maxAbs(x0))) {
                    break;
                }
                double a = cubicMinimiser(lo, fLo, dLo, hi, fHi, dHi);
                double min = Math.min(lo, hi) + 0.1 * Math.abs(width);
                double max = Math.max(lo, hi) - 0.1 * Math.abs(width);
                if (!(a >= min && a <= max)) {
                    a = 0.5 * (lo + hi);
                }
                double[] v = eval(a);
                double fa = v[0];
                double da = v[1];
                if (!Double.isFinite(fa) || fa > f0 + C1 * a * dg0 || fa >= fLo) {
                    hi = a;
                    fHi = fa;
                    dHi = da;
                } else {
                    if (Math.abs(da) <= -C2 * dg0) {
                        return true;
                    }
                    if (da * (hi - lo) >= 0) {
                        hi = lo;
                        fHi = fLo;
                        dHi = dLo;
                    }
                    lo = a;
                    fLo = fa;
                    dLo = da;
                }
            }
            // Out of evaluations or interval collapsed: accept the best point with sufficient decrease.
            return bestX != null;
        }
    }

    /** Minimiser of the cubic through (a, fa, da) and (b, fb, db); NaN if it has none. */
    static double cubicMinimiser(double a, double fa, double da, double b, double fb, double db) {
        if (!Double.isFinite(fb) || !Double.isFinite(db)) {
            return Double.NaN;
        }
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (disc < 0) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private static void checkFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("objective is not finite at the starting point: " + v);
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double sumAbs(double[] v) {
        double s = 0;
        for (double x : v) {
            s += Math.abs(x);
        }
        return s;
    }
}
