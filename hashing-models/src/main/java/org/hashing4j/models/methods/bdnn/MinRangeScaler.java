package org.hashing4j.models.methods.bdnn;

import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelArchive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BDNN's pre-processing: subtract each dimension's training minimum, then divide everything by one
 * global range (the largest of the per-dimension ranges), so the training data lies in [0, 1] and
 * the relative scale of the dimensions is kept. Fitted on the training set and stored in the model.
 */
public final class MinRangeScaler {
    private final float[] minimum;
    private final float range;

    public MinRangeScaler(float[] minimum, float range) {
        if (!(range > 0) || !Float.isFinite(range)) {
            throw new HashingException("pre-processing range must be positive and finite, got " + range);
        }
        this.minimum = minimum.clone();
        this.range = range;
    }

    /** Fits the per-dimension minima and the global range on {@code x}. */
    public static MinRangeScaler fit(float[][] x) {
        int d = x[0].length;
        float[] min = new float[d];
        float[] max = new float[d];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        float range = 0;
        for (int j = 0; j < d; j++) {
            range = Math.max(range, max[j] - min[j]);
        }
        // Constant data has no range: keep the shift and leave the scale alone.
        return new MinRangeScaler(min, range > 0 ? range : 1f);
    }

    /** (x − min) / range as an n × d matrix of {@code type}. */
    public INDArray apply(float[][] x, DataType type) {
        int n = x.length;
        int d = minimum.length;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] row = x[i];
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (row[j] - minimum[j]) / range;
            }
        }
        return Nd4j.create(flat, new long[] {n, d}, 'c').castTo(type);
    }

    public int dimension() {
        return minimum.length;
    }

    public float range() {
        return range;
    }

    public float[] minimum() {
        return minimum.clone();
    }

    void save(ModelArchive.Writer w) {
        w.putVector("preprocessing_minimum.bin", minimum);
        w.putVector("preprocessing_range.bin", new float[] {range});
    }

    static MinRangeScaler load(ModelArchive.Reader r) {
        float[] range = r.vector("preprocessing_range.bin");
        if (range.length != 1) {
            throw new HashingException(r.source() + ": entry 'preprocessing_range.bin' must hold one value");
        }
        return new MinRangeScaler(r.vector("preprocessing_minimum.bin"), range[0]);
    }
}
