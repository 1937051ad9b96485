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
        INDArray a = symmetric.castTo(DataType.DOUBLE).dup('c');
        a.addi(a.transpose().dup()).muli(0.5);
        if (a.isNaN().any() || a.isInfinite().any()) {
            throw new HashingException("cannot eigen-decompose a matrix with NaN or infinite entries");
        }
        int d = (int) a.rows();
        // syev overwrites the matrix with the eigenvectors (columns) and returns ascending eigenvalues.
        INDArray ascending = Eigen.symmetricGeneralizedEigenvalues(a, true);
        double[] asc = Matrices.toVector(ascending);
        double[] values = new double[d];
        INDArray vectors = Nd4j.create(DataType.DOUBLE, d, d);
        for (int k = 0; k < d; k++) {
            int src = d - 1 - k;
            values[k] = asc[src];
            INDArray col = a.getColumn(src).dup();
            // Sign convention: the largest-magnitude component is positive.
            double[] c = Matrices.toVector(col);
            int arg = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(c[j]) > Math.abs(c[arg])) {
                    arg = j;
                }
            }
            if (c[arg] < 0) {
                col.negi();
            }
            vectors.putColumn(k, col);
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * Solves the generalised problem A·v = λ·B·v for symmetric A and symmetric positive
     * semi-definite B. B is whitened by its own eigen-decomposition; directions where B's
     * eigenvalue is below {@code relativeFloor} × its largest are dropped (B is singular there), so
     * the result may have fewer than d eigenpairs. Eigenvectors are scaled so that vᵀ·B·v = 1.
     */
    public static SymmetricEigen generalized(INDArray a, INDArray b, double relativeFloor) {
        SymmetricEigen eb = of(b);
        double max = eb.values[0];
        if (!(max > 0)) {
            throw new HashingException("generalised eigenproblem: the right-hand matrix is zero or negative definite");
        }
        int keep = 0;
        while (keep < eb.values.length && eb.values[keep] > relativeFloor * max) {
            keep++;
        }
        // W = U_k Λ_k^{-1/2}: Wᵀ B W = I, so A v = λ B v becomes (Wᵀ A W) u = λ u with v = W u.
        INDArray w = eb.vectors.get(NDArrayIndex.all(), NDArrayIndex.interval(0, keep)).dup();
        for (int k = 0; k < keep; k++) {
            w.getColumn(k).divi(Math.sqrt(eb.values[k]));
        }
        INDArray reduced = w.transpose().mmul(a.castTo(DataType.DOUBLE)).mmul(w);
        SymmetricEigen er = of(reduced);
        return new SymmetricEigen(er.values, w.mmul(er.vectors));
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
