package org.hashing4j.models.methods.csq;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepObjective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CSQ's head and loss (METHODS-DEEP.md §1.6): h = tanh(u), u = W·f + c; each sample's target centre
 * c_i (its class's centre; for multi-label data sign(Σ of its classes' centres), zero entries filled
 * from one fixed random ±1 vector); with t = (1 + c)/2,
 * L = mean_{i,k} BCE((1 + h)/2, t) + λ·mean_{i,k} (|h| − 1)², the BCE in the stable form
 * softplus(2u) − 2u·t (because (1 + tanh u)/2 = σ(2u)). Codes: sign(u).
 *
 * <p>State: {@code centres} (classes × K) and {@code tie_fill} (1 × K), drawn in {@link #prepare}.
 */
final class CsqObjective extends DeepObjective {
    static final String TARGETS = "centre_targets";

    private final double lambda;
    private float[][] centres;
    private float[] tieFill;
    private int bits;

    CsqObjective(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public Head build(HeadBuilder g) {
        SameDiff sd = g.sd();
        bits = g.bits();
        g.labels();
        SDVariable t = g.placeholder(TARGETS, -1, bits);
        SDVariable u = g.hashLayer();
        SDVariable h = sd.math.tanh(u);
        SDVariable u2 = u.mul(2.0);
        SDVariable centre = HashOps.softplus(sd, u2).sub(u2.mul(t)).mean();
        SDVariable gap = sd.math.abs(h).sub(1.0);
        SDVariable quantization = gap.mul(gap).mean();
        return Head.weighted("centre_loss", centre, "quantization", quantization, lambda, u);
    }

    private int classes;

    @Override
    public void bind(FeatureSet data, int[] trainItems) {
        classes = data.labels().numClasses();
    }

    @Override
    public void prepare(SplittableRandom random) {
        centres = HashCentres.generate(classes, bits, random);
        tieFill = new float[bits];
        for (int k = 0; k < bits; k++) {
            tieFill[k] = random.nextBoolean() ? 1f : -1f;
        }
    }

    @Override
    public Map<String, INDArray> feed(Batch batch) {
        float[][] y = batch.labels().toFloatMatrix();
        float[] t = new float[y.length * bits];
        for (int i = 0; i < y.length; i++) {
            float[] c = target(y[i]);
            for (int k = 0; k < bits; k++) {
                t[i * bits + k] = (1 + c[k]) / 2;
            }
        }
        return Map.of(TARGETS, Nd4j.create(t, new long[] {y.length, bits}, 'c'));
    }

    /** The centre of a label row: its class's centre, or sign(Σ centres) with ties from {@code tie_fill}. */
    float[] target(float[] labels) {
        float[] sum = new float[bits];
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] > 0) {
                for (int k = 0; k < bits; k++) {
                    sum[k] += centres[c][k];
                }
            }
        }
        for (int k = 0; k < bits; k++) {
            sum[k] = sum[k] > 0 ? 1f : sum[k] < 0 ? -1f : tieFill[k];
        }
        return sum;
    }

    @Override
    public Map<String, INDArray> state() {
        if (centres == null) {
            return Map.of();
        }
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("centres", Nd4j.create(centres));
        m.put("tie_fill", Nd4j.create(new float[][] {tieFill}));
        return m;
    }

    @Override
    public void restoreState(Map<String, INDArray> state, String source) {
        INDArray c = state.get("centres");
        INDArray f = state.get("tie_fill");
        if (c == null || f == null || c.columns() != bits || f.columns() != bits) {
            throw new HashingException(source + ": CSQ state needs centres (classes × " + bits + ") and tie_fill (1 × "
                    + bits + ")");
        }
        centres = c.toFloatMatrix();
        tieFill = f.toFloatVector();
    }

    float[][] centres() {
        return centres;
    }
}
