package org.hashing4j.models.methods.itq;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.DeclaredMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodParameter;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.projection.ProjectionHashModel;
import org.hashing4j.models.linalg.Pca;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ITQ, iterative quantisation (Gong &amp; Lazebnik, CVPR 2011): centre the data, project it on its
 * top-L principal directions, then learn an orthogonal rotation that minimises the quantisation
 * loss to the nearest binary codes ({@link ItqRotation}). Codes are sign((x − μ)·W·R).
 *
 * <p>Parameters: {@code iterations} (default 50, as in the paper). Bits ≤ the input dimension.
 */
public final class Itq extends DeclaredMethod {
    public static final String NAME = "itq";
    private static final MethodParameter<Integer> ITERATIONS = MethodParameter.integer("iterations", 50,
            "rotation-learning iterations");
    /** The paper's number of alternations. */
    public static final int DEFAULT_ITERATIONS = ITERATIONS.defaultValue();
    private static final Declaration DECLARATION = new Declaration(NAME, "ITQ", false,
            "Gong & Lazebnik, \"Iterative quantization: a Procrustean approach to learning binary codes\", CVPR 2011",
            List.of(ITERATIONS));

    public Itq() {
        super(DECLARATION);
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        return fitWithCodes(data, config, context).model();
    }

    /**
     * Trains ITQ and also returns the training codes and the loss history. {@code config} gives
     * bits, seed and optionally {@code iterations}; {@code context} may be {@link TrainingContext#quiet()}.
     */
    public static ItqResult fitWithCodes(FeatureSet data, MethodConfig config, TrainingContext context) {
        Itq method = new Itq();
        method.checkKnown(config);
        int iterations = MethodSupport.checkRange(NAME, ITERATIONS, config, 0, 100_000);
        int bits = config.bits();
        MethodSupport.checkBits(NAME, bits, data.dimension(), "PCA to L dimensions needs L <= the input dimension "
                + data.dimension());
        MethodSupport.checkSize(NAME, data, 2);
        long start = System.nanoTime();
        context.listener().phaseStarted("itq: PCA to " + bits + " dimensions", 0);
        Pca pca = Pca.fit(data.features(), bits);
        INDArray v = pca.project(data.features());
        context.listener().phaseStarted("itq: rotation", iterations);
        ItqRotation rotation = ItqRotation.learn(v, iterations, new Random(config.seed()));
        double[] losses = rotation.lossAfterRotation();
        context.listener().progress(iterations,
                Map.of("quantisation_loss", iterations == 0 ? Double.NaN : losses[iterations - 1]));
        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("iterations", iterations);
        prov.put("quantisation_loss", losses);
        prov.put("training_seconds", MethodSupport.secondsSince(start));
        ProjectionHashModel model = new ProjectionHashModel(NAME, data.dimension(), null, pca.mean(),
                pca.components().mmul(rotation.rotation()), null,
                ModelProvenance.of(method, config, context, data, method.settings(config, Map.of()), prov));
        context.listener().phaseFinished(Map.of("quantisation_loss", iterations == 0 ? Double.NaN : losses[iterations - 1]));
        return new ItqResult(model, rotation, v);
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return ProjectionHashModel.load(archive, NAME);
    }
}
