package org.hashing4j.models.linalg;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelArchive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kernel features against a set of anchor points: φ(x) = [exp(−‖x − a_j‖² / (2σ²))]_j − c, the
 * non-linear embedding of SDH (Shen et al.) and KSH (Liu et al.). The anchors are training rows
 * drawn at random; the optional centre c (the features' mean over the training set) makes the
 * features zero-mean, as KSH prescribes. Anchors are kept in float so that a saved and re-loaded
 * model computes exactly the same features.
 */
public final class RbfAnchorFeatures {
    private final float[][] anchors;
    private final double sigma;
    private final double[] centre;
    private final INDArray anchorMatrixT;
    private final INDArray anchorSquaredNorms;

    /**
     * @param anchors m × d anchor points
     * @param sigma   kernel width σ &gt; 0
     * @param centre  m values subtracted from every feature vector, or null for none
     */
    public RbfAnchorFeatures(float[][] anchors, double sigma, double[] centre) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new HashingException("RBF kernel width sigma must be a positive number, got " + sigma);
        }
        if (centre != null && centre.length != anchors.length) {
            throw new IllegalArgumentException("centre has " + centre.length + " values for " + anchors.length + " anchors");
        }
        this.anchors = anchors;
        this.sigma = sigma;
        this.centre = centre == null ? null : centre.clone();
        this.anchorMatrixT = Matrices.floatRows(anchors, 0, anchors.length).transpose().dup('c');
        this.anchorSquaredNorms = Matrices.rowVector(squaredNorms(anchors, 0, anchors.length));
    }

    /** {@code m} distinct rows of {@code x} chosen uniformly at random (m ≤ number of rows). */
    public static float[][] sampleAnchors(float[][] x, int m, Random rng) {
        int[] rows = sampleRows(x.length, m, rng);
        float[][] a = new float[m][];
        for (int i = 0; i < m; i++) {
            a[i] = x[rows[i]].clone();
        }
        return a;
    }

    /** {@code k} distinct indices in [0, n), in random order (a partial Fisher–Yates shuffle). */
    public static int[] sampleRows(int n, int k, Random rng) {
        if (k > n) {
            throw new HashingException("cannot draw " + k + " distinct samples from " + n + " items");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, k);
    }

    /**
     * Squared Euclidean distances between the given rows of {@code x} and the anchors,
     * (to−from) × m, via ‖x‖² + ‖a‖² − 2·x·a (clamped at 0 against rounding). The norms are summed
     * in double; the cross products, the bulk of the work, in a float matrix product, whose
     * rounding (relative 1e-7 of ‖x‖·‖a‖) is far below any useful kernel width.
     */
    public INDArray squaredDistances(float[][] x, int from, int to) {
        INDArray cross = Matrices.floatRows(x, from, to).mmul(anchorMatrixT).castTo(DataType.DOUBLE);
        INDArray d2 = cross.muli(-2.0);
        double[] xNorms = squaredNorms(x, from, to);
        d2.addiColumnVector(Nd4j.create(xNorms, new long[] {xNorms.length, 1}, DataType.DOUBLE))
                .addiRowVector(anchorSquaredNorms);
        return Transforms.max(d2, 0.0, false);
    }

    private static double[] squaredNorms(float[][] x, int from, int to) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            double s = 0;
            for (float v : x[i]) {
                s += (double) v * v;
            }
            out[i - from] = s;
        }
        return out;
    }

    /**
     * Statistics of the distances from {@code x}'s rows to the anchors, over at most
     * {@code maxRows} rows sampled with {@code rng}: {mean distance, mean squared distance, mean
     * distance to the nearest anchor}. The usual automatic choices of σ come from these.
     */
    public static double[] distanceStatistics(float[][] x, float[][] anchors, int maxRows, Random rng) {
        RbfAnchorFeatures probe = new RbfAnchorFeatures(anchors, 1.0, null);
        int k = Math.min(maxRows, x.length);
        int[] rows = sampleRows(x.length, k, rng);
        float[][] sample = new float[k][];
        for (int i = 0; i < k; i++) {
            sample[i] = x[rows[i]];
        }
        double sum = 0;
        double sumSq = 0;
        double sumNearest = 0;
        for (int from = 0; from < k; from += Matrices.BLOCK_ROWS) {
            int to = Math.min(k, from + Matrices.BLOCK_ROWS);
            INDArray d2 = probe.squaredDistances(sample, from, to);
            sumSq += d2.sumNumber().doubleValue();
            sum += Transforms.sqrt(d2, true).sumNumber().doubleValue();
            sumNearest += Transforms.sqrt(d2.min(1), true).sumNumber().doubleValue();
        }
        long pairs = (long) k * anchors.length;
        return new double[] {sum / pairs, sumSq / pairs, sumNearest / k};
    }

    /** Kernel features of rows {@code from..to-1}: (to−from) × m, centred if a centre is set. */
    public INDArray features(float[][] x, int from, int to) {
        INDArray k = Transforms.exp(squaredDistances(x, from, to).muli(-1.0 / (2 * sigma * sigma)), false);
        if (centre != null) {
            k.subiRowVector(Matrices.rowVector(centre));
        }
        return k;
    }

    /** Kernel features of all rows: n × m (n·m doubles of memory). */
    public INDArray features(float[][] x) {
        INDArray out = Nd4j.create(DataType.DOUBLE, x.length, anchors.length);
        for (int from = 0; from < x.length; from += Matrices.BLOCK_ROWS) {
            int to = Math.min(x.length, from + Matrices.BLOCK_ROWS);
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(features(x, from, to));
        }
        return out;
    }

    /** The same anchors and width with the given centre (e.g. the training mean of the features). */
    public RbfAnchorFeatures withCentre(double[] newCentre) {
        return new RbfAnchorFeatures(anchors, sigma, newCentre);
    }

    public int anchorCount() {
        return anchors.length;
    }

    public int inputDimension() {
        return anchors[0].length;
    }

    public double sigma() {
        return sigma;
    }

    /** Writes anchors, σ and centre as entries named {@code prefix + ...}. */
    public void save(ModelArchive.Writer w, String prefix) throws IOException {
        w.putMatrix(prefix + "anchors", anchors);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sigma", sigma);
        settings.put("centre", centre);
        w.putJson(prefix + "kernel.json", settings);
    }

    /** Reads what {@link #save} wrote. */
    public static RbfAnchorFeatures load(ModelArchive.Reader r, String prefix) {
        float[][] anchors = r.matrix(prefix + "anchors");
        com.fasterxml.jackson.databind.JsonNode s = r.json(prefix + "kernel.json");
        double sigma = s.path("sigma").asDouble(Double.NaN);
        double[] centre = null;
        if (s.path("centre").isArray()) {
            centre = new double[s.path("centre").size()];
            for (int i = 0; i < centre.length; i++) {
                centre[i] = s.path("centre").get(i).asDouble();
            }
        }
        if (anchors.length == 0 || !(sigma > 0) || (centre != null && centre.length != anchors.length)) {
            throw new HashingException(r.source() + ": corrupt RBF anchor entries under '" + prefix + "'");
        }
        return new RbfAnchorFeatures(anchors, sigma, centre);
    }
}
