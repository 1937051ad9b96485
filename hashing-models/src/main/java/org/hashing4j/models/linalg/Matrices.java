package org.hashing4j.models.linalg;

import org.hashing4j.core.Labels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conversions between the {@code float[][]} rows that feature sets hold and double-precision ND4J
 * matrices, plus the column statistics every shallow method starts from (means, covariance).
 *
 * <p>Large feature sets (60,000 × 784) are processed in row blocks of {@link #BLOCK_ROWS}, so that a
 * double-precision copy of the whole set is never made; statistics are accumulated in double
 * precision because sums over tens of thousands of rows lose digits in float.
 */
public final class Matrices {
    /** Rows converted to a double matrix at a time. */
    public static final int BLOCK_ROWS = 4096;

    private Matrices() {
    }

    /** Rows {@code from..to-1} of {@code x} as a double (to−from) × d matrix. */
    public static INDArray rows(float[][] x, int from, int to) {
        int n = to - from;
        int d = n == 0 ? 0 : x[from].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            float[] row = x[from + i];
            int base = i * d;
            for (int j = 0; j < d; j++) {
                flat[base + j] = row[j];
            }
        }
        return Nd4j.create(flat, new long[] {n, d}, DataType.DOUBLE);
    }

    /** Rows {@code from..to-1} of {@code x} as a float (to−from) × d matrix (for large products where float suffices). */
    public static INDArray floatRows(float[][] x, int from, int to) {
        int n = to - from;
        int d = n == 0 ? 0 : x[from].length;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[from + i], 0, flat, i * d, d);
        }
        return Nd4j.create(flat, new long[] {n, d}, DataType.FLOAT);
    }

    /** All rows of {@code x} as a double n × d matrix (only for sets small enough to copy). */
    public static INDArray rows(float[][] x) {
        return rows(x, 0, x.length);
    }

    /** A double matrix from a Java array. */
    public static INDArray of(double[][] m) {
        return Nd4j.createFromArray(m).castTo(DataType.DOUBLE);
    }

    /** A double matrix from a float Java array. */
    public static INDArray of(float[][] m) {
        return rows(m);
    }

    /** A double row vector (1 × n). */
    public static INDArray rowVector(double[] v) {
        return Nd4j.create(v.clone(), new long[] {1, v.length}, DataType.DOUBLE);
    }

    /** A matrix as a float Java array (the form model files store). */
    public static float[][] toFloat(INDArray m) {
        INDArray c = m.castTo(DataType.FLOAT).dup('c');
        int r = (int) c.rows();
        int k = (int) c.columns();
        float[] flat = c.data().asFloat();
        float[][] out = new float[r][k];
        for (int i = 0; i < r; i++) {
            System.arraycopy(flat, i * k, out[i], 0, k);
        }
        return out;
    }

    /** A deep copy, so that a model can hand out its parameters without exposing them. */
    public static float[][] copy(float[][] m) {
        float[][] c = new float[m.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** A matrix as a double Java array. */
    public static double[][] toDouble(INDArray m) {
        INDArray c = m.castTo(DataType.DOUBLE).dup('c');
        int r = (int) c.rows();
        int k = (int) c.columns();
        double[] flat = c.data().asDouble();
        double[][] out = new double[r][k];
        for (int i = 0; i < r; i++) {
            System.arraycopy(flat, i * k, out[i], 0, k);
        }
        return out;
    }

    /** A vector (any shape with one non-unit dimension) as doubles. */
    public static double[] toVector(INDArray v) {
        return v.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Column means of {@code x}, accumulated in double precision. */
    public static double[] columnMeans(float[][] x) {
        int d = x[0].length;
        double[] sum = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            sum[j] /= x.length;
        }
        return sum;
    }

    /** Column means of a matrix as a double array. */
    public static double[] columnMeans(INDArray x) {
        return toVector(x.mean(0));
    }

    /**
     * The sample covariance (1/(n−1))·Σ (x−μ)(x−μ)ᵀ of the rows of {@code x}, d × d, in double
     * precision, computed block by block. {@code mean} is usually {@link #columnMeans(float[][])}.
     */
    public static INDArray covariance(float[][] x, double[] mean) {
        int d = mean.length;
        INDArray mu = rowVector(mean);
        INDArray scatter = Nd4j.zeros(DataType.DOUBLE, d, d);
        for (int from = 0; from < x.length; from += BLOCK_ROWS) {
            int to = Math.min(x.length, from + BLOCK_ROWS);
            INDArray block = rows(x, from, to).subiRowVector(mu);
            scatter.addi(block.transpose().mmul(block));
        }
        return scatter.divi(Math.max(1, x.length - 1));
    }

    /** (X − 1μᵀ)·W for all rows of {@code x}: an n × k double matrix, computed block by block. */
    public static INDArray centredTimes(float[][] x, double[] mean, INDArray w) {
        int n = x.length;
        INDArray out = Nd4j.create(DataType.DOUBLE, n, w.columns());
        INDArray mu = mean == null ? null : rowVector(mean);
        for (int from = 0; from < n; from += BLOCK_ROWS) {
            int to = Math.min(n, from + BLOCK_ROWS);
            INDArray block = rows(x, from, to);
            if (mu != null) {
                block.subiRowVector(mu);
            }
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(block.mmul(w));
        }
        return out;
    }

    /** (X − 1μᵀ)ᵀ·M for the rows of {@code x} and an n × k matrix M: d × k, block by block over X. */
    public static INDArray centredTransposeTimes(float[][] x, double[] mean, INDArray m) {
        INDArray mu = rowVector(mean);
        INDArray out = Nd4j.zeros(DataType.DOUBLE, mean.length, m.columns());
        for (int from = 0; from < x.length; from += BLOCK_ROWS) {
            int to = Math.min(x.length, from + BLOCK_ROWS);
            INDArray block = rows(x, from, to).subiRowVector(mu);
            out.addi(block.transpose().mmul(m.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all())));
        }
        return out;
    }

    /** The d × d identity in double precision. */
    public static INDArray identity(int d) {
        return Nd4j.eye(d).castTo(DataType.DOUBLE);
    }

    /**
     * The n × C label matrix Y: one-hot rows for single-label ground truth, multi-hot rows (an item
     * with several classes has several ones) for multi-label ground truth.
     */
    public static INDArray labelMatrix(Labels labels) {
        int n = labels.size();
        int c = labels.numClasses();
        double[] flat = new double[n * c];
        for (int i = 0; i < n; i++) {
            if (labels.isMultiLabel()) {
                for (int k = 0; k < c; k++) {
                    if (labels.has(i, k)) {
                        flat[i * c + k] = 1;
                    }
                }
            } else {
                flat[i * c + labels.classOf(i)] = 1;
            }
        }
        return Nd4j.create(flat, new long[] {n, c}, DataType.DOUBLE);
    }

    /**
     * The l × l pairwise label matrix S with +1 where two items share a class and −1 where they
     * share none (the supervised methods' "similar / dissimilar" pairs).
     */
    public static INDArray signedSimilarity(Labels labels) {
        int n = labels.size();
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                flat[i * n + j] = labels.relevant(i, labels, j) ? 1 : -1;
            }
        }
        return Nd4j.create(flat, new long[] {n, n}, DataType.DOUBLE);
    }

    /** The squared Frobenius norm of a matrix. */
    public static double squaredNorm(INDArray m) {
        double f = m.norm2Number().doubleValue();
        return f * f;
    }
}
