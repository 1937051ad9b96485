package org.hashing4j.models.methods.bdnn;

import java.util.Map;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.MethodConfig;

/** Small synthetic data for the BDNN tests: Gaussian clusters in a few dimensions. */
final class BdnnTestData {
    private BdnnTestData() {
    }

    /** {@code n} items in {@code d} dimensions around {@code classes} random centres, labelled by centre. */
    static FeatureSet clusters(int n, int d, int classes, double spread, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[classes][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) (r.nextGaussian() * 2 + 3);
            }
        }
        float[][] x = new float[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i][j] = centres[y[i]][j] + (float) (r.nextGaussian() * spread);
            }
        }
        return new FeatureSet(x, Labels.singleLabel(y), null, "clusters");
    }

    /** A tiny, fast configuration: small layers, few iterations, double precision where asked. */
    static MethodConfig smallSupervisedConfig(int bits, Map<String, Object> extra) {
        java.util.LinkedHashMap<String, Object> p = new java.util.LinkedHashMap<>(smallConfig(bits, Map.of()).params());
        p.remove("validation_neighbours");
        p.putAll(extra);
        return new MethodConfig(bits, 7, p);
    }

    static MethodConfig smallConfig(int bits, Map<String, Object> extra) {
        java.util.LinkedHashMap<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("hidden1", 12);
        p.put("hidden2", 8);
        p.put("alternations", 3);
        p.put("lbfgs_iterations", 15);
        p.put("init_iterations", 30);
        p.put("validation_queries", 50);
        p.put("validation_neighbours", 10);
        p.putAll(extra);
        return new MethodConfig(bits, 7, p);
    }
}
