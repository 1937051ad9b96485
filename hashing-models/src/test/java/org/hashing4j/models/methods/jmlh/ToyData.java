package org.hashing4j.models.methods.jmlh;

import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;

/** Small labelled data sets for the JMLH tests: Gaussian clusters, one per class. */
final class ToyData {
    private ToyData() {
    }

    /** {@code n} items of dimension {@code d} in {@code classes} well-separated clusters. */
    static FeatureSet clusters(int n, int d, int classes, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[classes][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = r.nextBoolean() ? 1f : -1f;
            }
        }
        float[][] x = new float[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i][j] = centres[y[i]][j] + (float) (0.5 * r.nextGaussian());
            }
        }
        return new FeatureSet(x, Labels.singleLabel(y), null, "toy-clusters");
    }

    /** {@code n} random c×h×w "images" in [0,1] whose brightness pattern depends on the class. */
    static FeatureSet images(int n, int c, int h, int w, int classes, long seed) {
        Random r = new Random(seed);
        int d = c * h * w;
        float[][] x = new float[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) {
                int row = (j / w) % h;
                boolean bright = row % classes == y[i];
                x[i][j] = (float) Math.min(1, Math.max(0, (bright ? 0.8 : 0.2) + 0.1 * r.nextGaussian()));
            }
        }
        return new FeatureSet(x, Labels.singleLabel(y), new int[] {c, h, w}, "toy-images");
    }
}
