package org.hashing4j.models.methods.itq;

import java.util.Random;
import org.hashing4j.models.linalg.Svd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The iterative quantisation step of Gong &amp; Lazebnik (CVPR 2011 / TPAMI 2013): given zero-mean
 * projected data V (n × L), find the orthogonal rotation R minimising the quantisation loss
 * Q(B, R) = ‖B − V·R‖² over B ∈ {−1, +1}^{n×L}. Starting from a random orthogonal R, it alternates
 * B = sign(V·R) (optimal for fixed R) and R from the SVD of BᵀV (orthogonal Procrustes, optimal for
 * fixed B), so Q never increases.
 *
 * <p>Used by ITQ (V = PCA projections) and ITQ-CCA (V = scaled CCA projections). The two n × L × L
 * products per iteration run in ND4J; the element-wise sign and loss run in plain Java, which avoids
 * a dozen small native calls per iteration (each costs a thread hand-off on a busy machine).
 */
public final class ItqRotation {
    private final INDArray rotation;
    private final INDArray signs;
    private final double[] lossAfterCodes;
    private final double[] lossAfterRotation;

    private ItqRotation(INDArray rotation, INDArray signs, double[] lossAfterCodes, double[] lossAfterRotation) {
        this.rotation = rotation;
        this.signs = signs;
        this.lossAfterCodes = lossAfterCodes;
        this.lossAfterRotation = lossAfterRotation;
    }

    /**
     * Runs {@code iterations} alternations on {@code v} (n × L, not modified) from a random orthogonal
     * start drawn from {@code rng}. The returned codes are sign(V·R) for the final R (≥ 0 → +1).
     */
    public static ItqRotation learn(INDArray v, int iterations, Random rng) {
        INDArray vd = v.castTo(DataType.DOUBLE).dup('c');
        long n = vd.rows();
        int bits = (int) vd.columns();
        INDArray r = Svd.randomOrthogonal(bits, rng);
        double[] z = vd.mmul(r).dup('c').data().asDouble();
        double[] afterCodes = new double[iterations];
        double[] afterRotation = new double[iterations];
        for (int t = 0; t < iterations; t++) {
            double[] b = signs(z);
            afterCodes[t] = squaredDistance(b, z);
            INDArray bm = Nd4j.create(b, new long[] {n, bits}, DataType.DOUBLE);
            r = Svd.procrustes(bm.transpose().mmul(vd));
            z = vd.mmul(r).dup('c').data().asDouble();
            afterRotation[t] = squaredDistance(b, z);
        }
        INDArray finalSigns = Nd4j.create(signs(z), new long[] {n, bits}, DataType.DOUBLE);
        return new ItqRotation(r, finalSigns, afterCodes, afterRotation);
    }

    /** ±1 signs with 0 → +1 (the library-wide convention: ≥ 0 gives bit 1). */
    private static double[] signs(double[] z) {
        double[] b = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            b[i] = z[i] >= 0 ? 1.0 : -1.0;
        }
        return b;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** The learned L × L orthogonal rotation. */
    public INDArray rotation() {
        return rotation;
    }

    /** sign(V·R) for the final rotation, n × L, entries ±1. */
    public INDArray signs() {
        return signs;
    }

    /**
     * Q(B_t, R_{t−1}) after the code update of each iteration t (the first uses the random start).
     */
    public double[] lossAfterCodes() {
        return lossAfterCodes.clone();
    }

    /** Q(B_t, R_t) after the rotation update of each iteration t. */
    public double[] lossAfterRotation() {
        return lossAfterRotation.clone();
    }

    /**
     * The loss sequence in the order it was reached: code update and rotation update of
     * iteration 1, then of iteration 2, …; never increasing.
     */
    public double[] lossHistory() {
        double[] h = new double[2 * lossAfterCodes.length];
        for (int t = 0; t < lossAfterCodes.length; t++) {
            h[2 * t] = lossAfterCodes[t];
            h[2 * t + 1] = lossAfterRotation[t];
        }
        return h;
    }
}
