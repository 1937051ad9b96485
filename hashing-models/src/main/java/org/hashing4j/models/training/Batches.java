package org.hashing4j.models.training;

import java.util.SplittableRandom;
import org.hashing4j.core.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns feature rows and labels into mini-batch arrays, and draws the per-epoch shuffles and the
 * per-batch noise ε from the run's seed: the draws for epoch e depend only on (seed, e), so a run
 * resumed after epoch e sees exactly what an uninterrupted run would have seen.
 */
public final class Batches {
    private Batches() {
    }

    /** Rows {@code start..end-1} as an (end − start) × d array. */
    public static INDArray rows(float[][] rows, int start, int end) {
        int d = rows[start].length;
        float[] flat = new float[(end - start) * d];
        for (int i = start; i < end; i++) {
            System.arraycopy(rows[i], 0, flat, (i - start) * d, d);
        }
        return Nd4j.create(flat, new long[] {end - start, d}, 'c');
    }

    /** The rows at {@code index[start..end-1]}. */
    public static INDArray rows(float[][] rows, int[] index, int start, int end) {
        int d = rows[index[start]].length;
        float[] flat = new float[(end - start) * d];
        for (int i = start; i < end; i++) {
            System.arraycopy(rows[index[i]], 0, flat, (i - start) * d, d);
        }
        return Nd4j.create(flat, new long[] {end - start, d}, 'c');
    }

    /** Labels of {@code index[start..end-1]} as one-hot (single label) or 0/1 (multi-label) rows. */
    public static INDArray labels(Labels labels, int numClasses, int[] index, int start, int end) {
        float[] flat = new float[(end - start) * numClasses];
        for (int i = start; i < end; i++) {
            int off = (i - start) * numClasses;
            if (labels.isMultiLabel()) {
                for (int c = 0; c < numClasses; c++) {
                    if (labels.has(index[i], c)) {
                        flat[off + c] = 1f;
                    }
                }
            } else {
                flat[off + labels.classOf(index[i])] = 1f;
            }
        }
        return Nd4j.create(flat, new long[] {end - start, numClasses}, 'c');
    }

    /** A generator for epoch {@code epoch} (0-based) of a run with {@code seed}, for one purpose. */
    public static SplittableRandom random(long seed, int epoch, long purpose) {
        // Mix so that neighbouring seeds/epochs give unrelated streams.
        long s = seed * 0x9E3779B97F4A7C15L + (epoch + 1) * 0xBF58476D1CE4E5B9L + purpose * 0x94D049BB133111EBL;
        return new SplittableRandom(s);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A rows × bits array of ε ~ U(0,1). */
    public static INDArray uniformNoise(int rows, int bits, SplittableRandom random) {
        float[] v = new float[rows * bits];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble();
        }
        return Nd4j.create(v, new long[] {rows, bits}, 'c');
    }
}
