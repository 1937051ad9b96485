package org.hashing4j.models.methods.ksh;

import org.hashing4j.core.Labels;
import org.hashing4j.models.linalg.Matrices;
import org.hashing4j.models.linalg.SymmetricEigen;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The greedy bit-by-bit optimisation of kernel-based supervised hashing (Liu, Wang, Ji, Jiang &amp;
 * Chang, CVPR 2012). With centred kernel features K̄ (l × m) of the l labelled items and their
 * pairwise label matrix S ∈ {−1, +1}^{l×l}, KSH fits code inner products to r·S:
 * min ‖H·Hᵀ − r·S‖², H = sgn(K̄·A). Bit k minimises −sgn(K̄a)ᵀ·R_{k−1}·sgn(K̄a) with the residual
 * R_{k−1} = r·S − Σ_{t&lt;k} h_t·h_tᵀ:
 * <ol>
 * <li>spectral relaxation: the top generalised eigenvector of K̄ᵀRK̄·a = λ·K̄ᵀK̄·a, scaled so that
 * aᵀK̄ᵀK̄a = l;</li>
 * <li>from there, gradient descent on the smooth surrogate −φ(K̄a)ᵀ·R·φ(K̄a), φ(x) = 2/(1+e^{−x}) − 1,
 * whose gradient is −K̄ᵀ((R·b) ∘ (1 − b∘b)) with b = φ(K̄a); backtracking (Armijo) line search;</li>
 * <li>the better of the two candidates under the discrete objective is kept, and R is updated.</li>
 * </ol>
 * The descent runs in plain Java arrays; the m × m eigenproblems run in ND4J. For single-label
 * data the residual is never formed: S = 2·Y·Yᵀ − 1·1ᵀ (Y one-hot), so R·b costs O(l·(C + k))
 * instead of O(l²) (see {@link Residual}); multi-label data ("share at least one label" has no
 * such factorisation) keep R as a dense l × l array.
 */
public final class KshSolver {
    private final double[] kbar; // l × m row-major
    private final int l;
    private final int m;
    private final Residual residual;
    private final SymmetricEigen.Whitener whitener;
    private INDArray ktrk; // K̄ᵀ R K̄, m × m, kept up to date by rank-one corrections
    private final INDArray kbarMatrix;

    /**
     * @param kbar   l × m centred kernel features of the labelled items
     * @param labels their labels (S: +1 for pairs sharing a label, −1 otherwise)
     * @param bits   code length r (the target is r·S)
     */
    public KshSolver(INDArray kbar, Labels labels, int bits) {
        this(kbar, labels, bits, false);
    }

    /** As above; {@code dense} forces the dense residual even for single-label data (tests). */
    KshSolver(INDArray kbar, Labels labels, int bits, boolean dense) {
        this.kbarMatrix = kbar.castTo(DataType.DOUBLE).dup('c');
        this.kbar = kbarMatrix.data().asDouble();
        this.l = (int) kbar.rows();
        this.m = (int) kbar.columns();
        if (labels.size() != l) {
            throw new IllegalArgumentException(labels.size() + " labels for " + l + " kernel rows");
        }
        this.residual = !dense && !labels.isMultiLabel()
                ? new ClassResidual(labels.classIndices(), labels.numClasses(), bits)
                : new DenseResidual(Matrices.signedSimilarity(labels), bits);
        // K̄ᵀK̄ may be singular (anchors closer than the data resolve); its null space is dropped.
        this.whitener = SymmetricEigen.whitener(kbarMatrix.transpose().mmul(kbarMatrix), 1e-10);
        this.ktrk = residual.sandwich(kbarMatrix);
    }

    /** Result of learning one bit. */
    public static final class Bit {
        /** The projection vector a (m values). */
        public final double[] a;
        /** −hᵀ·R·h of the spectral start and of the kept solution (lower is better). */
        public final double spectralCost;
        public final double cost;
        /** Whether gradient descent improved on the spectral solution. */
        public final boolean descentKept;
        /** Gradient-descent iterations run. */
        public final int iterations;

        Bit(double[] a, double spectralCost, double cost, boolean descentKept, int iterations) {
            this.a = a;
            this.spectralCost = spectralCost;
            this.cost = cost;
            this.descentKept = descentKept;
            this.iterations = iterations;
        }
    }

    /** Learns the next bit with at most {@code maxIterations} descent steps and removes it from the residual. */
    public Bit nextBit(int maxIterations) {
        SymmetricEigen eig = whitener.solve(ktrk);
        double[] a0 = new double[m];
        INDArray v = eig.vectors().getColumn(0);
        double scale = Math.sqrt(l); // vᵀK̄ᵀK̄v = 1 from the whitening, so this gives aᵀK̄ᵀK̄a = l
        for (int j = 0; j < m; j++) {
            a0[j] = scale * v.getDouble(j);
        }
        double[] h0 = sgn(times(a0));
        double spectralCost = -quadratic(h0);
        Descent d = descend(a0, maxIterations);
        double[] h1 = sgn(times(d.a));
        double descentCost = -quadratic(h1);
        boolean keepDescent = descentCost < spectralCost;
        double[] a = keepDescent ? d.a : a0;
        double[] h = keepDescent ? h1 : h0;
        removeFromResidual(h);
        return new Bit(a, spectralCost, keepDescent ? descentCost : spectralCost, keepDescent, d.iterations);
    }

    /** The discrete cost −hᵀ·R·h of a ±1 vector under the current residual. */
    public double discreteCost(double[] h) {
        return -quadratic(h);
    }

    /** K̄·a for the labelled items. */
    public double[] times(double[] a) {
        double[] u = new double[l];
        for (int i = 0; i < l; i++) {
            double s = 0;
            int row = i * m;
            for (int j = 0; j < m; j++) {
                s += kbar[row + j] * a[j];
            }
            u[i] = s;
        }
        return u;
    }

    private static double[] sgn(double[] u) {
        double[] h = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            h[i] = u[i] >= 0 ? 1 : -1;
        }
        return h;
    }

    private double[] residualTimes(double[] b) {
        return residual.times(b);
    }

    private double quadratic(double[] b) {
        double[] rb = residualTimes(b);
        double s = 0;
        for (int i = 0; i < l; i++) {
            s += b[i] * rb[i];
        }
        return s;
    }

    private static double[] phi(double[] u) {
        double[] b = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            b[i] = 2 / (1 + Math.exp(-u[i])) - 1;
        }
        return b;
    }

    /** The smooth surrogate f(a) = −φ(K̄a)ᵀ·R·φ(K̄a) under the current residual. */
    double smoothCost(double[] a) {
        double[] b = phi(times(a));
        return -dot(b, residualTimes(b));
    }

    /** ∇f(a) = −K̄ᵀ((R·b) ∘ (1 − b∘b)), b = φ(K̄a). */
    double[] smoothGradient(double[] a) {
        double[] b = phi(times(a));
        return gradient(b, residualTimes(b));
    }

    private double[] gradient(double[] b, double[] rb) {
        double[] grad = new double[m];
        for (int i = 0; i < l; i++) {
            int row = i * m;
            double c = rb[i] * (1 - b[i] * b[i]);
            if (c != 0) {
                for (int j = 0; j < m; j++) {
                    grad[j] -= kbar[row + j] * c;
                }
            }
        }
        return grad;
    }

    private static final class Descent {
        final double[] a;
        final int iterations;

        Descent(double[] a, int iterations) {
            this.a = a;
            this.iterations = iterations;
        }
    }

    /** Gradient descent on f(a) = −φ(K̄a)ᵀRφ(K̄a) with backtracking line search. */
    private Descent descend(double[] start, int maxIterations) {
        double[] a = start.clone();
        double[] b = phi(times(a));
        double[] rb = residualTimes(b);
        double f = -dot(b, rb);
        double step = 1.0 / l;
        int it = 0;
        for (; it < maxIterations; it++) {
            double[] grad = gradient(b, rb);
            double g2 = dot(grad, grad);
            if (g2 == 0) {
                break;
            }
            boolean accepted = false;
            double[] trial = new double[m];
            double[] tb = null;
            double[] trb = null;
            double tf = f;
            for (int tries = 0; tries < 40; tries++) {
                for (int j = 0; j < m; j++) {
                    trial[j] = a[j] - step * grad[j];
                }
                tb = phi(times(trial));
                trb = residualTimes(tb);
                tf = -dot(tb, trb);
                if (tf <= f - 1e-4 * step * g2) { // Armijo sufficient decrease
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double decrease = f - tf;
            System.arraycopy(trial, 0, a, 0, m);
            b = tb;
            rb = trb;
            f = tf;
            step *= 2; // let the step grow again after a success
            if (decrease <= 1e-6 * Math.abs(f)) {
                it++;
                break;
            }
        }
        return new Descent(a, it);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** R ← R − h·hᵀ, and K̄ᵀRK̄ ← K̄ᵀRK̄ − (K̄ᵀh)(K̄ᵀh)ᵀ to match. */
    private void removeFromResidual(double[] h) {
        residual.remove(h);
        INDArray kth = kbarMatrix.transpose().mmul(Nd4j.create(h, new long[] {l, 1}, DataType.DOUBLE));
        ktrk = ktrk.sub(kth.mmul(kth.transpose()));
    }

    /** The Frobenius residual ‖r·S − Σ h_t·h_tᵀ‖² so far (the objective KSH minimises). */
    public double residualNorm() {
        return residual.squaredNorm();
    }

    /** The residual R = r·S − Σ_t h_t·h_tᵀ as an operator. */
    private interface Residual {
        /** R·b. */
        double[] times(double[] b);

        /** R ← R − h·hᵀ. */
        void remove(double[] h);

        /** ‖R‖². */
        double squaredNorm();

        /** K̄ᵀ·R·K̄ for the current R (m × m). */
        INDArray sandwich(INDArray kbar);
    }

    /** R held as a dense l × l array. */
    private static final class DenseResidual implements Residual {
        private final int l;
        private final double[] r;

        DenseResidual(INDArray similarity, int bits) {
            this.l = (int) similarity.rows();
            this.r = similarity.mul(bits).dup('c').data().asDouble();
        }

        @Override
        public double[] times(double[] b) {
            double[] out = new double[l];
            for (int i = 0; i < l; i++) {
                double s = 0;
                int row = i * l;
                for (int j = 0; j < l; j++) {
                    s += r[row + j] * b[j];
                }
                out[i] = s;
            }
            return out;
        }

        @Override
        public void remove(double[] h) {
            for (int i = 0; i < l; i++) {
                int row = i * l;
                double hi = h[i];
                for (int j = 0; j < l; j++) {
                    r[row + j] -= hi * h[j];
                }
            }
        }

        @Override
        public double squaredNorm() {
            double s = 0;
            for (double v : r) {
                s += v * v;
            }
            return s;
        }

        @Override
        public INDArray sandwich(INDArray kbar) {
            return kbar.transpose().mmul(Nd4j.create(r, new long[] {l, l}, DataType.DOUBLE)).mmul(kbar);
        }
    }

    /**
     * R = r·(2·Y·Yᵀ − 1·1ᵀ) − Σ_t h_t·h_tᵀ for single-label data, Y the one-hot class matrix:
     * (Y·Yᵀ·b)_i is the sum of b over item i's class.
     */
    private static final class ClassResidual implements Residual {
        private final int[] cls;
        private final int classes;
        private final double scale;
        private final java.util.List<double[]> removed = new java.util.ArrayList<>();

        ClassResidual(int[] cls, int classes, int bits) {
            this.cls = cls;
            this.classes = classes;
            this.scale = bits;
        }

        private double[] classSums(double[] b) {
            double[] sums = new double[classes];
            for (int i = 0; i < b.length; i++) {
                sums[cls[i]] += b[i];
            }
            return sums;
        }

        /** (r·S)·b. */
        private double[] targetTimes(double[] b) {
            double[] sums = classSums(b);
            double total = 0;
            for (double v : sums) {
                total += v;
            }
            double[] out = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = scale * (2 * sums[cls[i]] - total);
            }
            return out;
        }

        @Override
        public double[] times(double[] b) {
            double[] out = targetTimes(b);
            for (double[] h : removed) {
                double c = dot(h, b);
                for (int i = 0; i < out.length; i++) {
                    out[i] -= c * h[i];
                }
            }
            return out;
        }

        @Override
        public void remove(double[] h) {
            removed.add(h.clone());
        }

        @Override
        public double squaredNorm() {
            // ‖rS − Σ h hᵀ‖² = ‖rS‖² − 2·Σ_t h_tᵀ(rS)h_t + Σ_{t,u} (h_tᵀh_u)², and every entry of rS is ±r.
            double l = cls.length;
            double norm = scale * scale * l * l;
            for (double[] h : removed) {
                norm -= 2 * dot(h, targetTimes(h));
            }
            for (double[] h : removed) {
                for (double[] g : removed) {
                    double c = dot(h, g);
                    norm += c * c;
                }
            }
            return norm;
        }

        @Override
        public INDArray sandwich(INDArray kbar) {
            // K̄ᵀ(rS)K̄ = r·(2·(YᵀK̄)ᵀ(YᵀK̄) − (1ᵀK̄)ᵀ(1ᵀK̄)), then the removed bits.
            int l = cls.length;
            double[] onehot = new double[l * classes];
            for (int i = 0; i < l; i++) {
                onehot[i * classes + cls[i]] = 1;
            }
            INDArray ytk = Nd4j.create(onehot, new long[] {l, classes}, DataType.DOUBLE).transpose().mmul(kbar);
            INDArray colSums = kbar.sum(0).reshape(1, kbar.columns());
            INDArray out = ytk.transpose().mmul(ytk).muli(2).subi(colSums.transpose().mmul(colSums)).muli(scale);
            for (double[] h : removed) {
                INDArray kth = kbar.transpose().mmul(Nd4j.create(h, new long[] {l, 1}, DataType.DOUBLE));
                out.subi(kth.mmul(kth.transpose()));
            }
            return out;
        }
    }
}
