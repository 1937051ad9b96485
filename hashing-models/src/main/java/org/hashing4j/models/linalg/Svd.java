package org.hashing4j.models.linalg;

import java.util.Random;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Singular value decomposition A = U·diag(s)·Vᵀ (LAPACK {@code gesvd} through ND4J), and the two
 * orthogonal-matrix constructions built on it: a random orthogonal matrix and the orthogonal
 * Procrustes solution.
 */
public final class Svd {
    private final INDArray u;
    private final double[] s;
    private final INDArray vt;

    private Svd(INDArray u, double[] s, INDArray vt) {
        this.u = u;
        this.s = s;
        this.vt = vt;
    }

    /** Full SVD of an m × n matrix (not modified): U is m × m, Vᵀ is n × n, s has min(m, n) values, descending. */
    public static Svd of(INDArray a) {
        INDArray work = a.castTo(DataType.DOUBLE).dup('f');
        int m = (int) work.rows();
        int n = (int) work.columns();
        INDArray s = Nd4j.create(DataType.DOUBLE, Math.min(m, n));
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {m, m}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(work, s, u, vt);
        double[] values = Matrices.toVector(s);
        for (double v : values) {
            // NaN or infinite input shows up as non-finite singular values; checking here costs no extra op.
            if (!Double.isFinite(v)) {
                throw new HashingException("cannot take the SVD of a matrix with NaN or infinite entries");
            }
        }
        return new Svd(u.dup('c'), values, vt.dup('c'));
    }

    /** Left singular vectors (columns), m × m. */
    public INDArray u() {
        return u;
    }

    /** Singular values, descending (a copy). */
    public double[] singularValues() {
        return s.clone();
    }

    /** Right singular vectors transposed, n × n. */
    public INDArray vt() {
        return vt;
    }

    /**
     * A random k × k orthogonal matrix: the left singular vectors of a matrix of independent
     * standard normal entries drawn from {@code rng} (the initialisation of ITQ).
     */
    public static INDArray randomOrthogonal(int k, Random rng) {
        double[][] g = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                g[i][j] = rng.nextGaussian();
            }
        }
        return of(Matrices.of(g)).u();
    }

    /**
     * The orthogonal R maximising trace(R·C), i.e. minimising ‖B − V·R‖ when C = BᵀV (orthogonal
     * Procrustes): with C = U·S·Wᵀ, R = W·Uᵀ.
     */
    public static INDArray procrustes(INDArray c) {
        Svd svd = of(c);
        return svd.vt.transpose().mmul(svd.u.transpose());
    }
}
