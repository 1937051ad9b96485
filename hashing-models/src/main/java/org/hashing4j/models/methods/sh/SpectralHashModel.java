package org.hashing4j.models.methods.sh;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.linalg.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained spectral hash function: y = (x − μ)·W_pca, then bit k is
 * Π_j sin(π/2 + m_kj·π·(y_j − a_j)/(b_j − a_j)) ≥ 0, where [a_j, b_j] is the box the training data
 * fills along PCA direction j and m_k the integer mode of eigenfunction k (one non-zero entry in
 * practice: the product of the other factors is sin(π/2) = 1).
 */
public final class SpectralHashModel implements TrainedModel {
    private final int inputDimension;
    private final float[] mean;
    private final float[][] components;
    private final float[] lower;
    private final float[] upper;
    private final int[][] modes;
    private final ModelProvenance provenance;
    private final INDArray w;
    private final double[] centre;

    SpectralHashModel(int inputDimension, float[] mean, float[][] components, float[] lower, float[] upper,
            int[][] modes, ModelProvenance provenance) {
        int p = components[0].length;
        if (mean.length != inputDimension || components.length != inputDimension || lower.length != p
                || upper.length != p || modes.length == 0) {
            throw new IllegalArgumentException("inconsistent spectral hashing parameters");
        }
        for (int[] m : modes) {
            if (m.length != p) {
                throw new IllegalArgumentException("mode vector of length " + m.length + ", expected " + p);
            }
        }
        this.inputDimension = inputDimension;
        this.mean = mean;
        this.components = components;
        this.lower = lower;
        this.upper = upper;
        this.modes = modes;
        this.provenance = provenance;
        this.w = Matrices.of(components);
        this.centre = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            centre[i] = mean[i];
        }
    }

    /** The PCA projections y of the rows, n × p (p = number of PCA directions used). */
    public INDArray pcaProjections(float[][] features) {
        checkInput(features);
        return Matrices.centredTimes(features, centre, w);
    }

    /** The eigenfunction values (the real numbers whose signs are the bits), n × bits. */
    public double[][] eigenfunctions(float[][] features) {
        double[][] y = Matrices.toDouble(pcaProjections(features));
        int p = lower.length;
        double[][] out = new double[y.length][modes.length];
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < modes.length; k++) {
                double prod = 1;
                for (int j = 0; j < p; j++) {
                    if (modes[k][j] != 0) {
                        double omega = modes[k][j] * Math.PI / ((double) upper[j] - lower[j]);
                        prod *= Math.sin(Math.PI / 2 + omega * (y[i][j] - lower[j]));
                    }
                }
                out[i][k] = prod;
            }
        }
        return out;
    }

    @Override
    public BinaryCodes encode(float[][] features) {
        if (features.length == 0) {
            checkInput(features);
            return BinaryCodes.fromWords(0, bits(), new long[0]);
        }
        return BinaryCodes.fromSigned(eigenfunctions(features));
    }

    /** The mode vector of each bit (bits × p), e.g. {0, 2, 0} = the second mode along PCA direction 1. */
    public int[][] modes() {
        int[][] c = new int[modes.length][];
        for (int k = 0; k < modes.length; k++) {
            c[k] = modes[k].clone();
        }
        return c;
    }

    /** The PCA directions, d × p. */
    public float[][] components() {
        return Matrices.copy(components);
    }

    @Override
    public int bits() {
        return modes.length;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public String method() {
        return SpectralHashing.NAME;
    }

    @Override
    public ModelProvenance modelProvenance() {
        return provenance;
    }

    @Override
    public void save(ModelArchive.Writer archive) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("input_dimension", inputDimension);
        s.put("modes", modes);
        archive.putJson("sh.json", s);
        archive.putVector("mean", mean);
        archive.putMatrix("components", components);
        archive.putVector("lower", lower);
        archive.putVector("upper", upper);
    }

    static SpectralHashModel load(ModelArchive.Reader archive) {
        JsonNode s = archive.json("sh.json");
        JsonNode m = s.path("modes");
        int[][] modes = new int[m.size()][];
        for (int k = 0; k < modes.length; k++) {
            modes[k] = new int[m.get(k).size()];
            for (int j = 0; j < modes[k].length; j++) {
                modes[k][j] = m.get(k).get(j).asInt();
            }
        }
        try {
            return new SpectralHashModel(s.path("input_dimension").asInt(-1), archive.vector("mean"),
                    archive.matrix("components"), archive.vector("lower"), archive.vector("upper"), modes,
                    archive.provenance());
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new HashingException(archive.source() + ": corrupt spectral hashing model (" + e.getMessage() + ")");
        }
    }
}
