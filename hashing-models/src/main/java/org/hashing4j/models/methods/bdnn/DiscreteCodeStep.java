package org.hashing4j.models.methods.bdnn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * UH-BDNN's B step: with the network fixed, minimise over B ∈ {−1, +1}^{m×L}
 * <pre>  1/(2m)‖X − B·W4 − 1·c4‖² + λ2/(2m)‖H − B‖²</pre>
 * (rows are samples; W4 is the L × D decoder) by discrete cyclic coordinate descent, one bit column
 * at a time. With Y = X − 1·c4, Q = λ2·H + Y·W4ᵀ and G = W4·W4ᵀ, the terms that involve column k
 * are −2·b_kᵀ(q_k − Σ_{j≠k} b_j G_jk) + constant, so the exact minimiser over b_k is
 * b_k = sign(q_k − Σ_{j≠k} b_j G_jk) (METHODS.md's B(:,k) = sign(Q(:,k) − B₋ₖ·W4₋ₖᵀ·w4ₖ)).
 * Each update can only lower the objective; an entry whose argument is exactly 0 keeps its value.
 */
final class DiscreteCodeStep {
    private DiscreteCodeStep() {
    }

    /**
     * @param x       data, m × D
     * @param h       network codes, m × L
     * @param w4      decoder weights, L × D
     * @param c4      decoder bias, 1 × D
     * @param b       current codes, m × L, ±1 (not modified)
     * @param lambda2 equality weight
     * @param sweeps  passes over the L columns
     * @return the new codes, m × L, ±1, in {@code b}'s data type
     */
    static INDArray update(INDArray x, INDArray h, INDArray w4, INDArray c4, INDArray b, double lambda2, int sweeps) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray w = w4.castTo(DataType.DOUBLE);
        INDArray y = xd.subRowVector(c4.castTo(DataType.DOUBLE));
        INDArray q = h.castTo(DataType.DOUBLE).mul(lambda2).addi(y.mmul(w.transpose()));
        double[][] g = w.mmul(w.transpose()).toDoubleMatrix();
        double[][] qq = q.toDoubleMatrix();
        double[][] bb = b.castTo(DataType.DOUBLE).toDoubleMatrix();
        int m = bb.length;
        int bits = g.length;
        for (int sweep = 0; sweep < sweeps; sweep++) {
            boolean changed = false;
            for (int k = 0; k < bits; k++) {
                for (int i = 0; i < m; i++) {
                    double[] row = bb[i];
                    double v = qq[i][k];
                    for (int j = 0; j < bits; j++) {
                        if (j != k) {
                            v -= row[j] * g[j][k];
                        }
                    }
                    double nb = v > 0 ? 1 : v < 0 ? -1 : row[k];
                    if (nb != row[k]) {
                        row[k] = nb;
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break; // a fixed point: further sweeps change nothing
            }
        }
        return org.nd4j.linalg.factory.Nd4j.create(bb).castTo(b.dataType());
    }

    /** The B-dependent part of J: 1/(2m)‖X − B·W4 − 1·c4‖² + λ2/(2m)‖H − B‖². */
    static double objective(INDArray x, INDArray h, INDArray w4, INDArray c4, INDArray b, double lambda2) {
        INDArray bd = b.castTo(DataType.DOUBLE);
        INDArray r = x.castTo(DataType.DOUBLE).sub(bd.mmul(w4.castTo(DataType.DOUBLE))).subiRowVector(c4.castTo(DataType.DOUBLE));
        INDArray e = h.castTo(DataType.DOUBLE).sub(bd);
        double m = x.rows();
        double rn = r.norm2Number().doubleValue();
        double en = e.norm2Number().doubleValue();
        return (rn * rn + lambda2 * en * en) / (2 * m);
    }
}
