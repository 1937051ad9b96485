package org.hashing4j.models.methods.sh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.DeclaredMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.linalg.Matrices;
import org.hashing4j.models.linalg.Pca;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SH, spectral hashing (Weiss, Torralba &amp; Fergus, NIPS 2008). The data are rotated to their
 * top p = min(L, d) principal directions and assumed uniform in the box [a_j, b_j] they fill. The
 * eigenfunctions of the weighted Laplacian for a uniform distribution on an interval are
 * Φ_k(y) = sin(π/2 + kπ/(b − a)·(y − a)) with eigenvalues increasing in (k/(b − a))²; the method
 * enumerates the one-dimensional modes k = 1, 2, … along every direction, keeps the L with the
 * smallest eigenvalues (the constant mode excluded) and thresholds each at zero. Directions with a
 * large spread get several bits, narrow ones none.
 *
 * <p>Following the authors' code, direction j offers modes 1 … ⌈(L+1)·(b_j − a_j)/max(b − a)⌉ − 1,
 * and ties keep the enumeration order (direction, then mode). No parameters.
 */
public final class SpectralHashing extends DeclaredMethod {
    public static final String NAME = "sh";
    private static final Declaration DECLARATION = new Declaration(NAME, "SH", false,
            "Weiss, Torralba & Fergus, \"Spectral hashing\", NIPS 2008", List.of());

    public SpectralHashing() {
        super(DECLARATION);
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        checkKnown(config);
        MethodSupport.checkSize(NAME, data, 2);
        long start = System.nanoTime();
        int bits = config.bits();
        int p = Math.min(bits, data.dimension());
        Pca pca = Pca.fit(data.features(), p);
        INDArray y = pca.project(data.features());
        double[] lo = Matrices.toVector(y.min(0));
        double[] hi = Matrices.toVector(y.max(0));
        float[] lower = new float[p];
        float[] upper = new float[p];
        for (int j = 0; j < p; j++) {
            // The authors widen the box by machine epsilon; a float-sized margin keeps b > a after rounding.
            lower[j] = (float) lo[j];
            upper[j] = (float) hi[j];
            lower[j] = Math.nextDown(lower[j]);
            upper[j] = Math.nextUp(upper[j]);
        }
        int[][] modes = chooseModes(lower, upper, bits);
        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("pca_dimensions", p);
        prov.put("training_seconds", MethodSupport.secondsSince(start));
        float[] mean = new float[data.dimension()];
        double[] mu = pca.mean();
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) mu[i];
        }
        return new SpectralHashModel(data.dimension(), mean, Matrices.toFloat(pca.components()), lower, upper, modes,
                ModelProvenance.of(this, config, context, data, settings(config, Map.of()), prov));
    }

    /**
     * The {@code bits} one-dimensional modes with the smallest eigenvalues for a box with the
     * given bounds: row k has the mode number of bit k on one direction and 0 elsewhere.
     */
    static int[][] chooseModes(float[] lower, float[] upper, int bits) {
        int p = lower.length;
        double[] range = new double[p];
        double maxRange = 0;
        for (int j = 0; j < p; j++) {
            range[j] = (double) upper[j] - lower[j];
            maxRange = Math.max(maxRange, range[j]);
        }
        List<int[]> candidates = new ArrayList<>(); // {direction, mode}
        List<Double> omegaSquared = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            int maxMode = (int) Math.ceil((bits + 1) * range[j] / maxRange);
            for (int k = 1; k <= maxMode - 1; k++) {
                double omega = k * Math.PI / range[j];
                candidates.add(new int[] {j, k});
                omegaSquared.add(omega * omega);
            }
        }
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Stable sort: equal eigenvalues keep the enumeration order, as MATLAB's sort does.
        java.util.Arrays.sort(order, (a, b) -> Double.compare(omegaSquared.get(a), omegaSquared.get(b)));
        int[][] modes = new int[bits][p];
        for (int k = 0; k < bits; k++) {
            int[] c = candidates.get(order[k]);
            modes[k][c[0]] = c[1];
        }
        return modes;
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return SpectralHashModel.load(archive);
    }
}
