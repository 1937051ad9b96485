package org.hashing4j.models.linalg;

import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Eigen-decomposition of a real symmetric matrix (LAPACK {@code syev} through ND4J's {@link Eigen}),
 * with the eigenvalues sorted in <em>descending</em> order and the eigenvectors as the matching
 * columns. Each eigenvector's sign is fixed so that its largest-magnitude component is positive,
 * which makes results reproducible and comparable in tests (LAPACK's sign is arbitrary).
 */
public final class SymmetricEigen {
    private final double[] values;
    private final INDArray vectors;

    private SymmetricEigen(double[] values, INDArray vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code symmetric} (not modified; it is symmetrised as (A+Aᵀ)/2 first). */
    public static SymmetricEigen of(INDArray symmetric) {
        if (symmetric.rank() != 2 || symmetric.rows() != symmetric.columns()) {
            throw new IllegalArgumentException("eigen-decomposition needs a square matrix, got "
                    + java.util.Arrays.toString(symmetric.shape()));
        }
        int d = (int) symmetric.rows();
        double[] a = symmetric.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double m = 0.5 * (a[i * d + j] + a[j * d + i]);
                if (!Double.isFinite(m)) {
                    throw new HashingException("cannot eigen-decompose a matrix with NaN or infinite entries");
                }
                a[i * d + j] = m;
                a[j * d + i] = m;
            }
        }
        INDArray work = Nd4j.create(a, new long[] {d, d}, DataType.DOUBLE);
        // syev overwrites the matrix with the eigenvectors (columns) and returns ascending eigenvalues.
        double[] asc = Matrices.toVector(Eigen.symmetricGeneralizedEigenvalues(work, true));
        double[] vec = work.dup('c').data().asDouble();
        double[] values = new double[d];
        double[] sorted = new double[d * d];
        for (int k = 0; k < d; k++) {
            int src = d - 1 - k;
            values[k] = asc[src];
            int arg = 0;
            for (int i = 1; i < d; i++) {
                if (Math.abs(vec[i * d + src]) > Math.abs(vec[arg * d + src])) {
                    arg = i;
                }
            }
            // Sign convention: the largest-magnitude component is positive.
            double sign = vec[arg * d + src] < 0 ? -1 : 1;
            for (int i = 0; i < d; i++) {
                sorted[i * d + k] = sign * vec[i * d + src];
            }
        }
        return new SymmetricEigen(values, Nd4j.create(sorted, new long[] {d, d}, DataType.DOUBLE));
    }

    /**
     * Solves the generalised problem A·v = λ·B·v for symmetric A and symmetric positive
     * semi-definite B. B is whitened by its own eigen-decomposition; directions where B's
     * eigenvalue is below {@code relativeFloor} × its largest are dropped (B is singular there), so
     * the result may have fewer than d eigenpairs. Eigenvectors are scaled so that vᵀ·B·v = 1.
     */
    public static SymmetricEigen generalized(INDArray a, INDArray b, double relativeFloor) {
        return whitener(b, relativeFloor).solve(a);
    }

    /**
     * The whitening of B used by {@link #generalized}, kept so that several problems A·v = λ·B·v
     * with the same B (KSH solves one per bit) decompose B only once.
     */
    public static Whitener whitener(INDArray b, double relativeFloor) {
        SymmetricEigen eb = of(b);
        double max = eb.values[0];
        if (!(max > 0)) {
            throw new HashingException("generalised eigenproblem: the right-hand matrix is zero or negative definite");
        }
        int keep = 0;
        while (keep < eb.values.length && eb.values[keep] > relativeFloor * max) {
            keep++;
        }
        double[] inv = new double[keep];
        for (int k = 0; k < keep; k++) {
            inv[k] = 1 / Math.sqrt(eb.values[k]);
        }
        // W = U_k Λ_k^{-1/2}: Wᵀ B W = I, so A v = λ B v becomes (Wᵀ A W) u = λ u with v = W u.
        INDArray w = eb.vectors.get(NDArrayIndex.all(), NDArrayIndex.interval(0, keep)).dup()
                .muliRowVector(Matrices.rowVector(inv));
        return new Whitener(w);
    }

    /** W with Wᵀ·B·W = I over B's range; solves A·v = λ·B·v for any symmetric A. */
    public static final class Whitener {
        private final INDArray w;

        private Whitener(INDArray w) {
            this.w = w;
        }

        /** The d × k whitening matrix W. */
        public INDArray matrix() {
            return w;
        }

        /** Eigenpairs of A·v = λ·B·v, λ descending, vᵀ·B·v = 1. */
        public SymmetricEigen solve(INDArray a) {
            INDArray reduced = w.transpose().mmul(a.castTo(DataType.DOUBLE)).mmul(w);
            SymmetricEigen er = of(reduced);
            return new SymmetricEigen(er.values, w.mmul(er.vectors));
        }
    }

    /**
     * (A + shift·I)⁻¹ from the decomposition, V·diag(1/(λᵢ + shift))·Vᵀ: the ridge-regularised
     * inverse, stable for a positive semi-definite A and shift &gt; 0 (only for {@link #of}, where the
     * vectors are orthonormal and complete).
     */
    public INDArray shiftedInverse(double shift) {
        if (vectors.columns() != vectors.rows()) {
            throw new IllegalStateException("shiftedInverse needs a complete orthonormal decomposition");
        }
        double[] inv = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            double denom = values[k] + shift;
            if (!(denom > 0)) {
                throw new HashingException("matrix plus " + shift + "·I is not positive definite (eigenvalue "
                        + values[k] + "); increase the regularisation");
            }
            inv[k] = 1 / denom;
        }
        return vectors.mulRowVector(Matrices.rowVector(inv)).mmul(vectors.transpose());
    }

    /** Eigenvalues, largest first (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Number of eigenpairs. */
    public int size() {
        return values.length;
    }

    /** Eigenvectors as the columns of a d × size() matrix, in the order of {@link #values()}. */
    public INDArray vectors() {
        return vectors;
    }

    /** The eigenvectors of the {@code k} largest eigenvalues, d × k. */
    public INDArray topVectors(int k) {
        return vectors.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).dup();
    }
}
