package org.hashing4j.models.methods.sdh;

import java.util.Random;
import org.hashing4j.models.linalg.Matrices;
import org.hashing4j.models.linalg.SymmetricEigen;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The alternating optimisation of supervised discrete hashing (Shen, Shen, Liu &amp; Shen, CVPR 2015)
 * on fixed kernel features Φ (n × F, last column all ones for the bias) and labels Y (n × C):
 *
 * <pre>
 *   J(B, W, P) = ‖Y − B·W‖² + λ‖W‖² + ν‖B − Φ·P‖² + ν·λ_F‖P‖²,   B ∈ {−1,+1}^{n×L}
 * </pre>
 *
 * <ul>
 * <li>G-step: W = (BᵀB + λI)⁻¹BᵀY (ridge regression of the labels on the codes);</li>
 * <li>F-step: P = (ΦᵀΦ + λ_F·I)⁻¹ΦᵀB (the hash function, ridge-regularised as in the authors' code);</li>
 * <li>B-step: discrete cyclic coordinate descent. With Q = Y·Wᵀ + ν·Φ·P, the B-dependent part of J
 * is ‖B·W‖² − 2·tr(BᵀQ), and for one column, b_k = sign(q_k − B₋ₖ·W₋ₖ·w_kᵀ) is its exact minimiser
 * with the other columns fixed; sweeps repeat until no bit changes (at most {@code maxSweeps}).</li>
 * </ul>
 * Every step minimises J exactly over its block, so J never increases. The ν·λ_F‖P‖² term is what
 * makes the authors' ridge F-step an exact block minimiser; with λ_F → 0 it is the paper's J.
 */
public final class SdhSolver {
    private final INDArray phi;
    private final INDArray y;
    private final double lambda;
    private final double nu;
    private final double projectionLambda;
    private final int maxSweeps;
    private final int n;
    private final int bits;
    private final INDArray projectionSolve; // (ΦᵀΦ + λ_F I)⁻¹, F × F
    private double[] b; // n × L row-major, ±1
    private INDArray w; // L × C
    private INDArray p; // F × L
    private int lastSweeps;

    /**
     * @param phi              n × F kernel features (with the bias column)
     * @param y                n × C label matrix
     * @param bits             code length L
     * @param lambda           ridge on W
     * @param nu               weight of the hash-function fit
     * @param projectionLambda ridge on P
     * @param maxSweeps        DCC sweeps per B-step (10 in the authors' code)
     * @param rng              draws the random initial codes
     */
    public SdhSolver(INDArray phi, INDArray y, int bits, double lambda, double nu, double projectionLambda,
            int maxSweeps, Random rng) {
        this.phi = phi;
        this.y = y;
        this.lambda = lambda;
        this.nu = nu;
        this.projectionLambda = projectionLambda;
        this.maxSweeps = maxSweeps;
        this.n = (int) phi.rows();
        this.bits = bits;
        this.projectionSolve = SymmetricEigen.of(phi.transpose().mmul(phi)).shiftedInverse(projectionLambda);
        // The authors start from random codes: B = sign(randn(n, L)).
        this.b = new double[n * bits];
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextGaussian() >= 0 ? 1 : -1;
        }
        gStep();
        fStep();
    }

    private INDArray codes() {
        return Nd4j.create(b, new long[] {n, bits}, DataType.DOUBLE);
    }

    /** W = (BᵀB + λI)⁻¹BᵀY. */
    public void gStep() {
        INDArray bm = codes();
        INDArray btb = bm.transpose().mmul(bm).addi(Matrices.identity(bits).muli(lambda));
        w = SymmetricEigen.of(btb).shiftedInverse(0).mmul(bm.transpose().mmul(y));
    }

    /** P = (ΦᵀΦ + λ_F·I)⁻¹ΦᵀB. */
    public void fStep() {
        p = projectionSolve.mmul(phi.transpose().mmul(codes()));
    }

    /** Discrete cyclic coordinate descent over the bit columns of B; returns the number of bits changed. */
    public long bStep() {
        double[] q = y.mmul(w.transpose()).addi(phi.mmul(p).muli(nu)).dup('c').data().asDouble();
        double[] g = w.mmul(w.transpose()).dup('c').data().asDouble(); // L × L, G[j][k] = w_j·w_k
        long changedTotal = 0;
        lastSweeps = 0;
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            long changed = 0;
            for (int k = 0; k < bits; k++) {
                for (int i = 0; i < n; i++) {
                    int row = i * bits;
                    double s = 0;
                    for (int j = 0; j < bits; j++) {
                        if (j != k) {
                            s += b[row + j] * g[j * bits + k];
                        }
                    }
                    double v = q[row + k] - s >= 0 ? 1 : -1;
                    if (v != b[row + k]) {
                        b[row + k] = v;
                        changed++;
                    }
                }
            }
            lastSweeps++;
            changedTotal += changed;
            if (changed == 0) {
                break;
            }
        }
        return changedTotal;
    }

    /** J(B, W, P) as defined in the class comment. */
    public double objective() {
        INDArray bm = codes();
        double fit = Matrices.squaredNorm(y.sub(bm.mmul(w)));
        double hash = Matrices.squaredNorm(bm.sub(phi.mmul(p)));
        return fit + lambda * Matrices.squaredNorm(w) + nu * hash + nu * projectionLambda * Matrices.squaredNorm(p);
    }

    /** Sweeps the last B-step took. */
    public int lastSweeps() {
        return lastSweeps;
    }

    /** Current codes, n × L, ±1 (a copy). */
    public INDArray signs() {
        return codes();
    }

    /** Current hash-function projection P, F × L. */
    public INDArray projection() {
        return p;
    }

    /** Current label regression W, L × C. */
    public INDArray labelWeights() {
        return w;
    }
}
