package org.hashing4j.datasets;

import java.util.Arrays;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact Euclidean k-nearest neighbours of query rows among database rows: the ground truth that
 * unsupervised hashing is judged against when labels are not the point (a query's relevant items
 * are its k nearest neighbours in the original feature space).
 *
 * <p>Squared distances come from ‖q‖² − 2·q·dᵀ + ‖d‖², one matrix product per block of queries (BLAS
 * does the heavy work), then a per-query selection of the k smallest with ties broken by index.
 */
public final class EuclideanNeighbours {
    private static final int QUERY_BLOCK = 512;

    private EuclideanNeighbours() {
    }

    /**
     * For every query, the indices of its {@code k} nearest database items, nearest first (ties by
     * database index).
     */
    public static int[][] kNearest(FeatureSet queries, FeatureSet database, int k) {
        return kNearest(queries.features(), database.features(), k);
    }

    /** Same as {@link #kNearest(FeatureSet, FeatureSet, int)} on raw rows. */
    public static int[][] kNearest(float[][] queries, float[][] database, int k) {
        if (k < 1 || k > database.length) {
            throw new HashingException("k must be in 1.." + database.length + " for nearest neighbours, got " + k);
        }
        int d = database[0].length;
        if (queries.length > 0 && queries[0].length != d) {
            throw new HashingException("queries have " + queries[0].length + " features but the database has " + d);
        }
        INDArray db = Nd4j.create(database).castTo(DataType.FLOAT);
        INDArray dbNorms = db.mul(db).sum(1).reshape(1, database.length);
        int[][] result = new int[queries.length][];
        for (int from = 0; from < queries.length; from += QUERY_BLOCK) {
            int to = Math.min(queries.length, from + QUERY_BLOCK);
            INDArray q = Nd4j.create(Arrays.copyOfRange(queries, from, to)).castTo(DataType.FLOAT);
            INDArray qNorms = q.mul(q).sum(1).reshape(to - from, 1);
            INDArray dist = q.mmul(db.transpose()).muli(-2f).addiRowVector(dbNorms).addiColumnVector(qNorms);
            float[] flat = dist.dup('c').data().asFloat();
            for (int i = 0; i < to - from; i++) {
                result[from + i] = smallest(flat, i * database.length, database.length, k);
            }
        }
        return result;
    }

    /** Indices of the k smallest of {@code v[off .. off+n)}, ascending, ties by index. */
    static int[] smallest(float[] v, int off, int n, int k) {
        // Pack (value, index) into one sortable long: floats ≥ 0 keep their order as raw int bits; the
        // tiny negative values that rounding can produce are clamped to 0.
        long[] keys = new long[n];
        for (int j = 0; j < n; j++) {
            float x = Math.max(0f, v[off + j]);
            keys[j] = ((long) Float.floatToIntBits(x) << 32) | j;
        }
        if (k < n / 8) {
            selectSmallest(keys, k);
            Arrays.sort(keys, 0, k);
        } else {
            Arrays.sort(keys);
        }
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            out[j] = (int) keys[j];
        }
        return out;
    }

    /** Moves the k smallest keys to the front (quickselect, unordered). */
    private static void selectSmallest(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        java.util.Random rnd = new java.util.Random(1);
        while (lo < hi) {
            long pivot = a[lo + rnd.nextInt(hi - lo + 1)];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k - 1 <= j) {
                hi = j;
            } else if (k - 1 >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }
}
