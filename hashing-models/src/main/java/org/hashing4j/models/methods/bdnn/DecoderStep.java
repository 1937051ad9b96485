package org.hashing4j.models.methods.bdnn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/**
 * The decoder half of UH-BDNN's network step. With B fixed, J separates into a decoder part,
 * 1/(2m)‖X − B·W4 − 1·c4‖² + λ1/2‖W4‖², and an encoder part that does not involve (W4, c4). The
 * decoder part is a ridge regression with the exact minimiser
 * <pre>  W4 = (B̃ᵀB̃ + m·λ1·I)⁻¹ B̃ᵀX̃,  c4 = x̄ − b̄·W4</pre>
 * (X̃, B̃ centred by their column means x̄, b̄). Solving it exactly instead of inside L-BFGS gives
 * the same network-step minimiser; L-BFGS is then spent on the encoder, whose terms are much
 * smaller than the reconstruction term and barely move when both are optimised jointly.
 */
final class DecoderStep {
    private DecoderStep() {
    }

    /** Writes the optimal W4 (L × D) and c4 (1 × D) for codes {@code b} (m × L) and data {@code x} (m × D). */
    static void solve(INDArray x, INDArray b, double lambda1, INDArray w4, INDArray c4) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray bd = b.castTo(DataType.DOUBLE);
        long m = xd.rows();
        INDArray xMean = xd.mean(0).reshape(1, xd.columns());
        INDArray bMean = bd.mean(0).reshape(1, bd.columns());
        INDArray bc = bd.subRowVector(bMean);
        INDArray xc = xd.subRowVector(xMean);
        INDArray gram = bc.transpose().mmul(bc).addi(Nd4j.eye(bd.columns()).muli(m * lambda1 + 1e-9 * m));
        INDArray w = InvertMatrix.invert(gram, false).mmul(bc.transpose().mmul(xc));
        w4.assign(w.castTo(w4.dataType()));
        c4.assign(xMean.sub(bMean.mmul(w)).castTo(c4.dataType()));
    }
}
