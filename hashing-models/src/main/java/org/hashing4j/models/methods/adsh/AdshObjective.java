package org.hashing4j.models.methods.adsh;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.layers.LabelPairs;
import org.hashing4j.models.training.DeepObjective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ADSH's head, loss and database codes (METHODS-DEEP.md §1.10 a). The database is the training set
 * (N items, in the training items' order); V ∈ {−1, +1}^{N×K} are its codes, free variables of the
 * method. Each trainer epoch is one outer iteration:
 * <ol>
 *   <li>{@link #epochItems}: sample Ω (m items of the database) and the similarity weight r;</li>
 *   <li>the network step: {@code inner_epochs} passes over Ω with V fixed, minimising per batch
 *       L = [Σ_{i, j} (h_iᵀv_j − K·S_ij)² + γ Σ_i ‖v_{ω(i)} − h_i‖²] / (N·n), h = tanh(W·f + c),
 *       ω(i) the database row of item i (the authors' normalisation by N·n); the outputs h of Ω are
 *       kept in U (m × K) after each step;</li>
 *   <li>{@link #endEpoch}: the discrete update of V, column by column (below).</li>
 * </ol>
 * S_ij = 1 for items sharing a label, else −r: r = 1 gives the paper's S ∈ {−1, +1}; the authors'
 * code (and DeepHash-pytorch, the 2024 benchmark) use the "soft" r = #similar / #dissimilar pairs of
 * Ω × database, so that S sums to 0 ({@code soft_similarity}).
 *
 * <p>V update: with Ū the N × K matrix holding U's rows at Ω and zeros elsewhere and
 * Q = −2K·SᵀU − 2γ·Ū, for k = 1..K in turn V_{:,k} = −sign(2·V_{:,¬k}·(U_{:,¬k}ᵀU_{:,k}) + Q_{:,k}),
 * the exact minimiser over column k of ‖U·Vᵀ − K·S‖² + γ‖V_Ω − U‖² given the other columns (the
 * other terms do not depend on a ±1 column). A zero argument gives +1 (both values are minimisers).
 * V starts at 0 as in the authors' code, so the first network step learns from the quantisation
 * term alone.
 *
 * <p>The inner passes over Ω are one pass over {@code inner_epochs} copies of Ω, shuffled together
 * by the trainer (an item can meet itself in a batch), rather than separately shuffled passes; each
 * item is still seen {@code inner_epochs} times per outer iteration. A checkpoint is written after
 * the V update, so V is the whole state a resumed run needs: Ω and r are drawn again from the
 * epoch's seeded stream, and U is refilled during the epoch.
 *
 * <p>Costs per batch: an n × N similarity and the N × K codes are fed (128 × 60,000 and
 * 60,000 × 64 floats: 31 MB and 15 MB); per outer iteration the V update is O(m·N) label
 * comparisons plus O(N·K²).
 */
final class AdshObjective extends DeepObjective {
    static final String DATABASE_CODES = "database_codes";
    static final String SIMILARITY = "asymmetric_similarity";
    static final String OMEGA_CODES = "omega_codes";
    static final String QUANTIZATION_WEIGHT = "quantization_weight";
    static final String RELAXED = "relaxed_codes";

    private final double gamma;
    private final int sampleSize;
    private final int innerEpochs;
    private final boolean soft;
    private int bits;
    private Labels labels;
    private int[] database;
    private int[] row;
    /** V, N × K: exactly −1, 0 (before the first update) or +1. */
    private float[][] codes;
    private int[] omega;
    private int[] omegaRow;
    private double r;
    private float[][] outputs;

    AdshObjective(double gamma, int sampleSize, int innerEpochs, boolean soft) {
        this.gamma = gamma;
        this.sampleSize = sampleSize;
        this.innerEpochs = innerEpochs;
        this.soft = soft;
    }

    @Override
    public Head build(HeadBuilder g) {
        SameDiff sd = g.sd();
        bits = g.bits();
        SDVariable v = g.placeholder(DATABASE_CODES, -1, bits);
        SDVariable s = g.placeholder(SIMILARITY, -1, -1);
        SDVariable vOmega = g.placeholder(OMEGA_CODES, -1, bits);
        SDVariable weight = g.placeholder(QUANTIZATION_WEIGHT, 1, 1);
        SDVariable u = g.hashLayer();
        SDVariable h = sd.identity(RELAXED, sd.math.tanh(u));
        SDVariable a = sd.mmul(h, v, false, true, false).sub(s.mul((double) bits));
        // mean over n × N = Σ/(n·N); the quantisation's Σ/(n·N) = (γ·K/N)·mean over n × K, the weight fed.
        SDVariable asymmetric = a.mul(a).mean();
        SDVariable q = vOmega.sub(h);
        SDVariable quantization = q.mul(q).mean();
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put("asymmetric", asymmetric);
        terms.put("quantization", quantization);
        return new Head(asymmetric.add("loss", quantization.mul(weight).sum()), terms, Encoding.sign(u));
    }

    @Override
    public void bind(FeatureSet data, int[] trainItems) {
        labels = data.requireLabels("adsh");
        database = trainItems.clone();
        row = new int[data.size()];
        Arrays.fill(row, -1);
        for (int j = 0; j < database.length; j++) {
            row[database[j]] = j;
        }
        omegaRow = new int[data.size()];
    }

    @Override
    public void prepare(SplittableRandom random) {
        codes = new float[database.length][bits];
    }

    /** Samples Ω for this outer iteration and returns it {@code inner_epochs} times. */
    @Override
    public int[] epochItems(int epoch, int[] train, SplittableRandom random) {
        int n = database.length;
        int m = Math.min(sampleSize, n);
        // The first m entries of a partial Fisher–Yates shuffle: m distinct database rows.
        int[] p = new int[n];
        for (int j = 0; j < n; j++) {
            p[j] = j;
        }
        omega = new int[m];
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
            omega[i] = database[p[i]];
        }
        Arrays.fill(omegaRow, -1);
        for (int i = 0; i < m; i++) {
            omegaRow[omega[i]] = i;
        }
        r = soft ? softWeight(labels, omega, database) : 1;
        outputs = new float[m][bits];
        int[] items = new int[m * innerEpochs];
        for (int e = 0; e < innerEpochs; e++) {
            System.arraycopy(omega, 0, items, e * m, m);
        }
        return items;
    }

    /** r = #similar / #dissimilar pairs of rows × database (0 when no pair is dissimilar). */
    static double softWeight(Labels labels, int[] rows, int[] database) {
        long similar = 0;
        for (int i : rows) {
            for (int j : database) {
                if (LabelPairs.similar(labels, i, j)) {
                    similar++;
                }
            }
        }
        long dissimilar = (long) rows.length * database.length - similar;
        return dissimilar == 0 ? 0 : (double) similar / dissimilar;
    }

    @Override
    public Map<String, INDArray> feed(Batch batch) {
        int n = batch.size();
        int size = database.length;
        float[] v = new float[size * bits];
        for (int j = 0; j < size; j++) {
            System.arraycopy(codes[j], 0, v, j * bits, bits);
        }
        float[] s = new float[n * size];
        float[] vOmega = new float[n * bits];
        float dissimilar = (float) -r;
        for (int i = 0; i < n; i++) {
            int item = batch.items()[i];
            for (int j = 0; j < size; j++) {
                s[i * size + j] = LabelPairs.similar(labels, item, database[j]) ? 1f : dissimilar;
            }
            System.arraycopy(codes[row[item]], 0, vOmega, i * bits, bits);
        }
        Map<String, INDArray> f = new LinkedHashMap<>();
        f.put(DATABASE_CODES, Nd4j.create(v, new long[] {size, bits}, 'c'));
        f.put(SIMILARITY, Nd4j.create(s, new long[] {n, size}, 'c'));
        f.put(OMEGA_CODES, Nd4j.create(vOmega, new long[] {n, bits}, 'c'));
        f.put(QUANTIZATION_WEIGHT, Nd4j.create(new float[] {(float) (gamma * bits / size)}, new long[] {1, 1}, 'c'));
        return f;
    }

    @Override
    public List<String> observedOutputs() {
        return List.of(RELAXED);
    }

    @Override
    public void observe(Batch batch, Map<String, INDArray> out) {
        float[][] h = out.get(RELAXED).toFloatMatrix();
        for (int i = 0; i < batch.size(); i++) {
            outputs[omegaRow[batch.items()[i]]] = h[i];
        }
    }

    /** The discrete update of V from this outer iteration's outputs U. */
    @Override
    public void endEpoch(int epoch) {
        double[][] u = new double[outputs.length][bits];
        for (int i = 0; i < outputs.length; i++) {
            for (int k = 0; k < bits; k++) {
                u[i][k] = outputs[i][k];
            }
        }
        updateCodes(codes, u, q(u), bits);
    }

    /** Q = −2K·SᵀU − 2γ·Ū (N × K) for the current Ω, r and U. */
    double[][] q(double[][] u) {
        int size = database.length;
        // Σ_i S_ij u_i = (1 + r)·Σ_{i similar to j} u_i − r·Σ_i u_i: only the similar pairs are summed.
        double[] total = new double[bits];
        for (double[] ui : u) {
            for (int k = 0; k < bits; k++) {
                total[k] += ui[k];
            }
        }
        double[][] q = new double[size][bits];
        for (int j = 0; j < size; j++) {
            double[] sum = new double[bits];
            for (int i = 0; i < omega.length; i++) {
                if (LabelPairs.similar(labels, omega[i], database[j])) {
                    for (int k = 0; k < bits; k++) {
                        sum[k] += u[i][k];
                    }
                }
            }
            for (int k = 0; k < bits; k++) {
                q[j][k] = -2.0 * bits * ((1 + r) * sum[k] - r * total[k]);
            }
        }
        for (int i = 0; i < omega.length; i++) {
            double[] qi = q[row[omega[i]]];
            for (int k = 0; k < bits; k++) {
                qi[k] -= 2 * gamma * u[i][k];
            }
        }
        return q;
    }

    /**
     * The column-wise update: for k = 0..K−1 in turn,
     * V_{:,k} = −sign(2·V_{:,¬k}·(U_{:,¬k}ᵀU_{:,k}) + Q_{:,k}), sign(0) read so that the bit is +1.
     */
    static void updateCodes(float[][] v, double[][] u, double[][] q, int bits) {
        double[][] gram = new double[bits][bits];
        for (double[] ui : u) {
            for (int a = 0; a < bits; a++) {
                for (int b = 0; b < bits; b++) {
                    gram[a][b] += ui[a] * ui[b];
                }
            }
        }
        for (int k = 0; k < bits; k++) {
            for (int j = 0; j < v.length; j++) {
                double x = q[j][k];
                for (int l = 0; l < bits; l++) {
                    if (l != k) {
                        x += 2 * v[j][l] * gram[l][k];
                    }
                }
                v[j][k] = x > 0 ? -1f : 1f;
            }
        }
    }

    @Override
    public Map<String, INDArray> state() {
        return codes == null ? Map.of() : Map.of(DATABASE_CODES, Nd4j.create(codes));
    }

    /** The database codes are training state: encoding uses the network for every item (see {@link AdshMethod}). */
    @Override
    public Map<String, INDArray> modelState() {
        return Map.of();
    }

    @Override
    public void restoreState(Map<String, INDArray> state, String source) {
        INDArray v = state.get(DATABASE_CODES);
        if (v == null) {
            if (state.isEmpty()) {
                return; // a model file: V is training state only
            }
            throw new HashingException(source + ": ADSH state has no database_codes");
        }
        if (database != null && (v.rows() != database.length || v.columns() != bits)) {
            throw new HashingException(source + ": ADSH database_codes must be " + database.length + " × " + bits);
        }
        codes = v.toFloatMatrix();
    }

    // ---- for tests ----

    float[][] codes() {
        return codes;
    }

    int[] omega() {
        return omega;
    }

    double similarityWeight() {
        return r;
    }

    void setOutputs(float[][] u) {
        outputs = u;
    }
}
