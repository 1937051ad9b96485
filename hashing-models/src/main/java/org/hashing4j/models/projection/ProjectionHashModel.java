package org.hashing4j.models.projection;

import org.hashing4j.models.MethodSupport;

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
import org.hashing4j.models.linalg.Matrices;
import org.hashing4j.models.linalg.RbfAnchorFeatures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The hash function shared by the linear and kernel baselines: bit k of x is 1 when
 * (φ(x) − μ)·w_k − t_k ≥ 0, where φ is either the identity (LSH, PCAH, ITQ, ITQ-CCA) or RBF
 * anchor features (SDH, KSH), μ a centre, W the learned F × L projection and t an offset.
 *
 * <p>All parameters are held in float (the precision model files store), and encoding computes in
 * double from them, so a saved and re-loaded model gives bit-for-bit the same codes.
 */
public final class ProjectionHashModel implements TrainedModel {
    private static final String SETTINGS = "projection.json";

    private final String method;
    private final int inputDimension;
    private final RbfAnchorFeatures kernel;
    private final float[] centre;
    private final float[][] projection;
    private final float[] offset;
    private final ModelProvenance provenance;
    private final INDArray w;
    private final INDArray centreRow;
    private final INDArray offsetRow;

    /**
     * @param method         the method's registry name
     * @param inputDimension length of each input row
     * @param kernel         RBF anchor features applied first, or null for the identity
     * @param centre         subtracted from the (kernel) features, or null for none
     * @param projection     F × L matrix, F the feature dimension after φ
     * @param offset         L thresholds subtracted after projecting, or null for zeros
     * @param provenance     how the model was made
     */
    public ProjectionHashModel(String method, int inputDimension, RbfAnchorFeatures kernel, double[] centre,
            INDArray projection, double[] offset, ModelProvenance provenance) {
        this(method, inputDimension, kernel, toFloat(centre), Matrices.toFloat(projection), toFloat(offset), provenance);
    }

    private ProjectionHashModel(String method, int inputDimension, RbfAnchorFeatures kernel, float[] centre,
            float[][] projection, float[] offset, ModelProvenance provenance) {
        int f = kernel == null ? inputDimension : kernel.anchorCount();
        if (projection.length != f || projection[0].length < 1) {
            throw new IllegalArgumentException("projection is " + projection.length + " x "
                    + (projection.length == 0 ? 0 : projection[0].length) + ", expected " + f + " rows");
        }
        int bits = projection[0].length;
        if ((centre != null && centre.length != f) || (offset != null && offset.length != bits)) {
            throw new IllegalArgumentException("centre/offset lengths do not match the projection");
        }
        this.method = method;
        this.inputDimension = inputDimension;
        this.kernel = kernel;
        this.centre = centre;
        this.projection = projection;
        this.offset = offset;
        this.provenance = provenance;
        this.w = Matrices.of(projection);
        this.centreRow = centre == null ? null : Matrices.of(new float[][] {centre});
        this.offsetRow = offset == null ? null : Matrices.of(new float[][] {offset});
    }

    private static float[] toFloat(double[] v) {
        if (v == null) {
            return null;
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /**
     * The real-valued projections (φ(x) − μ)·W − t of all rows, n × L, before the sign: what
     * the bits threshold at zero.
     */
    public INDArray project(float[][] features) {
        checkInput(features);
        int n = features.length;
        INDArray out = Nd4j.create(DataType.DOUBLE, n, bits());
        for (int from = 0; from < n; from += Matrices.BLOCK_ROWS) {
            int to = Math.min(n, from + Matrices.BLOCK_ROWS);
            INDArray phi = kernel == null ? Matrices.rows(features, from, to) : kernel.features(features, from, to);
            if (centreRow != null) {
                phi.subiRowVector(centreRow);
            }
            INDArray z = phi.mmul(w);
            if (offsetRow != null) {
                z.subiRowVector(offsetRow);
            }
            out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(z);
        }
        return out;
    }

    @Override
    public BinaryCodes encode(float[][] features) {
        if (features.length == 0) {
            checkInput(features);
            return BinaryCodes.fromWords(0, bits(), new long[0]);
        }
        return BinaryCodes.fromINDArray(project(features), false);
    }

    @Override
    public int bits() {
        return projection[0].length;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public ModelProvenance modelProvenance() {
        return provenance;
    }

    /** The F × L projection matrix (a copy). */
    public float[][] projection() {
        return Matrices.copy(projection);
    }

    /** The kernel front end, or null for a linear model. */
    public RbfAnchorFeatures kernel() {
        return kernel;
    }

    @Override
    public void save(ModelArchive.Writer archive) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("method", method);
        settings.put("input_dimension", inputDimension);
        settings.put("kernel", kernel != null);
        settings.put("centre", centre != null);
        settings.put("offset", offset != null);
        archive.putJson(SETTINGS, settings);
        archive.putMatrix("projection", projection);
        if (centre != null) {
            archive.putVector("centre", centre);
        }
        if (offset != null) {
            archive.putVector("offset", offset);
        }
        if (kernel != null) {
            kernel.save(archive, "kernel/");
        }
    }

    /** Reads a model written by {@link #save}; {@code method} must match the stored name. */
    public static ProjectionHashModel load(ModelArchive.Reader archive, String method) {
        JsonNode s = archive.json(SETTINGS);
        if (!method.equals(s.path("method").asText())) {
            throw new HashingException(archive.source() + ": holds a '" + s.path("method").asText()
                    + "' model, not '" + method + "'");
        }
        int inputDimension = s.path("input_dimension").asInt(-1);
        RbfAnchorFeatures kernel = s.path("kernel").asBoolean() ? RbfAnchorFeatures.load(archive, "kernel/") : null;
        float[] centre = s.path("centre").asBoolean() ? archive.vector("centre") : null;
        float[] offset = s.path("offset").asBoolean() ? archive.vector("offset") : null;
        float[][] projection = archive.matrix("projection");
        if (inputDimension < 1 || projection.length == 0
                || (kernel != null && kernel.inputDimension() != inputDimension)) {
            throw new HashingException(archive.source() + ": corrupt projection model entries");
        }
        try {
            return new ProjectionHashModel(method, inputDimension, kernel, centre, projection, offset,
                    archive.provenance());
        } catch (IllegalArgumentException e) {
            throw new HashingException(archive.source() + ": corrupt projection model (" + e.getMessage() + ")");
        }
    }
}
