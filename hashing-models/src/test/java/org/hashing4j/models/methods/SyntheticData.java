package org.hashing4j.models.methods;

import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.models.TrainedModel;

/** Small synthetic data sets whose structure is known, and mAP scoring for the baseline tests. */
public final class SyntheticData {
    private SyntheticData() {
    }

    /**
     * {@code n} points drawn from independent normals with standard deviation {@code scales[j]} on
     * axis j, plus {@code offset} on every coordinate.
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

    /** {@code x}·Qᵀ + offset: the rows expressed in the rotated frame whose axes are the columns of q. */
    public static float[][] rotate(float[][] x, double[][] q, double offset) {
        int d = q.length;
        float[][] out = new float[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < d; a++) {
                double s = offset;
                for (int b = 0; b < x[i].length; b++) {
                    s += q[a][b] * x[i][b];
                }
                out[i][a] = (float) s;
            }
        }
        return out;
    }

    /** A random d × d orthogonal matrix (Gram–Schmidt of normal vectors). */
    public static double[][] randomOrthogonal(int d, long seed) {
        Random rng = new Random(seed);
        double[][] cols = new double[d][d]; // cols[k] = k-th column
        for (int k = 0; k < d; k++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = rng.nextGaussian();
            }
            for (int p = 0; p < k; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += v[i] * cols[p][i];
                }
                for (int i = 0; i < d; i++) {
                    v[i] -= dot * cols[p][i];
                }
            }
            double norm = 0;
            for (double e : v) {
                norm += e * e;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                cols[k][i] = v[i] / norm;
            }
        }
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                q[i][k] = cols[k][i];
            }
        }
        return q;
    }

    /**
     * Labelled data where supervision matters: {@code classes} well-separated class centres
     * (spread 4, unit within-class noise) in the first {@code signalDims} coordinates, and
     * {@code noiseDims} further coordinates of pure noise with standard deviation 4, which dominate
     * the variance (so unsupervised projections mostly see noise). Item i has class i % classes.
     * {@code drawSeed} varies the points while {@code centreSeed} fixes the classes, so a query
     * set from the same classes uses the same centreSeed and another drawSeed.
     */
    public static FeatureSet classes(int n, int classes, int signalDims, int noiseDims, long centreSeed, long drawSeed,
            String name) {
        Random centreRng = new Random(centreSeed);
        double[][] centres = new double[classes][signalDims];
        for (double[] c : centres) {
            for (int j = 0; j < signalDims; j++) {
                c[j] = 4 * centreRng.nextGaussian();
            }
        }
        Random rng = new Random(drawSeed);
        float[][] x = new float[n][signalDims + noiseDims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < signalDims; j++) {
                x[i][j] = (float) (centres[y[i]][j] + rng.nextGaussian());
            }
            for (int j = signalDims; j < signalDims + noiseDims; j++) {
                x[i][j] = (float) (4 * rng.nextGaussian());
            }
        }
        return new FeatureSet(x, Labels.singleLabel(y), null, name);
    }

    /** The same items with multi-hot labels: each item keeps its class and item i also gets class (i/classes) % classes when different. */
    public static FeatureSet withMultiLabels(FeatureSet data, int classes) {
        int[][] hot = new int[data.size()][classes];
        for (int i = 0; i < data.size(); i++) {
            hot[i][data.labels().classOf(i)] = 1;
            if (i % 3 == 0) {
                hot[i][(i / classes) % classes] = 1;
            }
        }
        return new FeatureSet(data.features(), Labels.multiHot(hot), null, data.name() + "-multilabel");
    }

    /** mAP@all of {@code model}'s codes, queries against database, relevance = sharing a label (hashing-eval). */
    public static double mapAll(TrainedModel model, FeatureSet queries, FeatureSet database) {
        return mapAll(model.encode(queries.features()), queries.labels(), model.encode(database.features()),
                database.labels());
    }

    /** mAP@all of given codes (hashing-eval's {@link RetrievalEvaluator}). */
    public static double mapAll(BinaryCodes queries, Labels queryLabels, BinaryCodes database, Labels dbLabels) {
        EvalOptions options = EvalOptions.builder().topK(EvalOptions.ALL).radii().precisionAtN().prCurve(false)
                .threads(1).build();
        return RetrievalEvaluator.evaluate(queries, database, Relevance.ofLabels(queryLabels, dbLabels), options)
                .mapAll();
    }
}
