package org.hashing4j.models.methods.ssdh;

import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.training.Batches;
import org.hashing4j.models.training.DeepObjective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SSDH's pseudo-labels, head and loss (METHODS-DEEP.md §2.3).
 *
 * <p>Pseudo-labels: d_ij = 1 − cos(x_i, x_j) over the training rows (the input the trainer holds: the
 * features when the backbone is {@code features}, as the paper's pretrained features; the raw rows
 * otherwise). In {@link #prepare}, over all pairs i &lt; j of a random sample: a histogram of bin width
 * 0.01 — over [0, 2) rather than the paper's [0, 1), since our rows may have negative cosines; for
 * non-negative features it is the same — gives the mode d* (left edge of the fullest bin); each half
 * L = {d ≤ d*}, R = {d &gt; d*} is mirrored about d* (with 2, not α and β: FIRe's slip) and fitted with a
 * Gaussian, whose mean is then d* and whose deviation is the root mean square of d − d* over the half.
 * S_ij = +1 if d_ij &lt; d* − α·σ_l, −1 if d_ij &gt; d* + β·σ_r, else 0. Only the two thresholds are kept
 * (state {@code thresholds}, 1 × 2): each batch's S comes from its own rows, so the N × N matrix is
 * never stored.
 *
 * <p>Head and loss: h = tanh(u), u = W·f + c; L = mean_{i,j ∈ batch} |S_ij|·(⟨h_i, h_j⟩/K − S_ij)², the
 * mean over all n² pairs. Codes: sign(u).
 */
final class SsdhObjective extends DeepObjective {
    static final String PSEUDO = "pseudo_similarity";
    static final double BIN = 0.01;
    static final int BINS = 200;

    private final double alpha;
    private final double beta;
    private final int sampleSize;
    private FeatureSet data;
    private int[] trainItems;
    private double similarBelow = Double.NaN;
    private double dissimilarAbove = Double.NaN;

    SsdhObjective(double alpha, double beta, int sampleSize) {
        this.alpha = alpha;
        this.beta = beta;
        this.sampleSize = sampleSize;
    }

    @Override
    public Head build(HeadBuilder g) {
        SameDiff sd = g.sd();
        SDVariable u = g.hashLayer();
        SDVariable h = sd.math.tanh(u);
        SDVariable s = g.placeholder(PSEUDO, -1, -1);
        SDVariable gap = sd.mmul(h, h, false, true, false).div(g.bits()).sub(s);
        SDVariable loss = sd.math.abs(s).mul(gap).mul(gap).mean();
        return new Head(sd.identity("loss", loss), Map.of("pseudo_pair_loss", loss), Encoding.sign(u));
    }

    /** It does: see {@link #bind}. */
    @Override
    public boolean readsTrainingRows() {
        return true;
    }

    @Override
    public void bind(FeatureSet data, int[] trainItems) {
        this.data = data;
        this.trainItems = trainItems.clone();
    }

    @Override
    public void prepare(SplittableRandom random) {
        float[][] x = data.features();
        int n = Math.min(sampleSize, trainItems.length);
        int[] perm = Batches.permutation(trainItems.length, random);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = x[trainItems[perm[i]]];
        }
        double[] norms = norms(rows);
        double[] d = new double[n * (n - 1) / 2];
        int t = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[t++] = distance(rows[i], rows[j], norms[i], norms[j]);
            }
        }
        double[] th = thresholds(d, alpha, beta);
        similarBelow = th[0];
        dissimilarAbove = th[1];
    }

    /** {similar below, dissimilar above} for these pair distances (the paper's fit, see the class comment). */
    static double[] thresholds(double[] distances, double alpha, double beta) {
        if (distances.length == 0) {
            throw new HashingException("ssdh: needs at least 2 training items for its pseudo-labels");
        }
        int[] hist = new int[BINS];
        for (double v : distances) {
            hist[Math.max(0, Math.min(BINS - 1, (int) Math.floor(v / BIN)))]++;
        }
        int mode = 0;
        for (int b = 1; b < BINS; b++) {
            if (hist[b] > hist[mode]) {
                mode = b;
            }
        }
        double centre = mode * BIN;
        double left = 0;
        double right = 0;
        int nl = 0;
        int nr = 0;
        for (double v : distances) {
            double dev = (v - centre) * (v - centre);
            if (v <= centre) {
                left += dev;
                nl++;
            } else {
                right += dev;
                nr++;
            }
        }
        double sl = nl == 0 ? 0 : Math.sqrt(left / nl);
        double sr = nr == 0 ? 0 : Math.sqrt(right / nr);
        return new double[] {centre - alpha * sl, centre + beta * sr};
    }

    private static double[] norms(float[][] rows) {
        double[] n = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double s = 0;
            for (float v : rows[i]) {
                s += v * v;
            }
            n[i] = Math.sqrt(s);
        }
        return n;
    }

    private static double distance(float[] a, float[] b, double na, double nb) {
        double dot = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
        }
        return 1 - dot / (na * nb + 1e-12);
    }

    /** S for the rows of one batch (n × n). */
    float[][] pseudoLabels(float[][] rows) {
        int n = rows.length;
        double[] norms = norms(rows);
        float[][] s = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = distance(rows[i], rows[j], norms[i], norms[j]);
                s[i][j] = d < similarBelow ? 1f : d > dissimilarAbove ? -1f : 0f;
            }
        }
        return s;
    }

    @Override
    public Map<String, INDArray> feed(Batch batch) {
        return Map.of(PSEUDO, Nd4j.create(pseudoLabels(batch.input().toFloatMatrix())));
    }

    @Override
    public Map<String, INDArray> state() {
        if (Double.isNaN(similarBelow)) {
            return Map.of();
        }
        return Map.of("thresholds", Nd4j.create(new double[][] {{similarBelow, dissimilarAbove}}));
    }

    @Override
    public void restoreState(Map<String, INDArray> state, String source) {
        INDArray t = state.get("thresholds");
        if (t == null || t.length() != 2) {
            throw new HashingException(source + ": SSDH state needs thresholds (1 × 2)");
        }
        similarBelow = t.getDouble(0);
        dissimilarAbove = t.getDouble(1);
    }

    double[] thresholds() {
        return new double[] {similarBelow, dissimilarAbove};
    }
}
