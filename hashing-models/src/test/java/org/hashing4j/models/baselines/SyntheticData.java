package org.hashing4j.models.baselines;

import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HammingRanking;
import org.hashing4j.core.Labels;

/** Small synthetic data sets whose structure is known, and a mAP helper for the baseline tests. */
public final class SyntheticData {
    private SyntheticData() {
    }

    /**
     * {@code n} points in {@code d} dimensions drawn from independent normals with standard
     * deviation {@code scales[j]} on axis j, plus {@code offset} on every coordinate.
     */
    public static float[][] anisotropic(int n, double[] scales, double offset, long seed) {
        Random rng = new Random(seed);
        float[][] x = new float[n][scales.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < scales.length; j++) {
                x[i][j] = (float) (offset + scales[j] * rng.nextGaussian());
            }
        }
        return x;
    }

    /**
     * {@code classes} Gaussian clusters in {@code d} dimensions: class centres drawn at random with
     * spread {@code centreSpread}, points around them with unit-variance noise; labels = cluster.
     * Items are interleaved by class (item i has class i % classes).
     */
    public static FeatureSet clusters(int n, int d, int classes, double centreSpread, long seed, String name) {
        Random rng = new Random(seed);
        double[][] centres = new double[classes][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = centreSpread * rng.nextGaussian();
            }
        }
        Random noise = new Random(seed * 31 + 7);
        float[][] x = new float[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (centres[y[i]][j] + noise.nextGaussian());
            }
        }
        return new FeatureSet(x, Labels.singleLabel(y), null, name);
    }

    /** The same points with a new noise draw (a query set from the same distribution). */
    public static FeatureSet clustersQueries(int n, int d, int classes, double centreSpread, long seed) {
        // Same centres (same seed for the centre draw), different noise: reuse clusters() with a
        // different noise seed by drawing from a second generator.
        Random rng = new Random(seed);
        double[][] centres = new double[classes][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = centreSpread * rng.nextGaussian();
            }
        }
        Random noise = new Random(seed * 131 + 11);
        float[][] x = new float[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (centres[y[i]][j] + noise.nextGaussian());
            }
        }
        return new FeatureSet(x, Labels.singleLabel(y), null, "queries");
    }

    /**
     * mAP over the whole ranked database (mAP@all): for each query, the mean of precision at each
     * relevant item's rank, Hamming ties broken by database index (core's {@link HammingRanking}).
     */
    public static double meanAveragePrecision(BinaryCodes queries, Labels queryLabels, BinaryCodes database,
            Labels dbLabels) {
        HammingRanking ranking = new HammingRanking(database);
        double sum = 0;
        for (int q = 0; q < queries.size(); q++) {
            int[] order = ranking.rank(queries, q).order();
            int hits = 0;
            double ap = 0;
            for (int r = 0; r < order.length; r++) {
                if (queryLabels.relevant(q, dbLabels, order[r])) {
                    hits++;
                    ap += (double) hits / (r + 1);
                }
            }
            sum += hits == 0 ? 0 : ap / hits;
        }
        return sum / queries.size();
    }
}
