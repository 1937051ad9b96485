package org.hashing4j.models.methods.lsh;

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
import org.hashing4j.models.linalg.Matrices;

/**
 * LSH, locality-sensitive hashing by random hyperplanes (Charikar 2002; the sign-random-projection
 * family for angular distance): bit k is sign(wₖ·(x − μ)) with wₖ drawn from a standard normal and
 * μ the training mean, so that the hyperplanes pass through the centre of the data. Learns nothing
 * but the mean; the seed picks the hyperplanes.
 *
 * <p>Parameters: {@code centre} (default true; false hashes x itself, the textbook form).
 */
public final class Lsh extends DeclaredMethod {
    public static final String NAME = "lsh";
    private static final MethodParameter<Boolean> CENTRE = MethodParameter.flag("centre", true,
            "subtract the training mean before the random hyperplanes (false: the textbook form)");
    private static final Declaration DECLARATION = new Declaration(NAME, "LSH", false,
            "Charikar, \"Similarity estimation techniques from rounding algorithms\", STOC 2002", List.of(CENTRE));

    public Lsh() {
        super(DECLARATION);
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        checkKnown(config);
        boolean centre = CENTRE.read(config);
        long start = System.nanoTime();
        int d = data.dimension();
        Random rng = new Random(config.seed());
        double[][] w = new double[d][config.bits()];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < config.bits(); k++) {
                w[i][k] = rng.nextGaussian();
            }
        }
        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("centre", centre);
        prov.put("training_seconds", MethodSupport.secondsSince(start));
        return new ProjectionHashModel(NAME, d, null, centre ? Matrices.columnMeans(data.features()) : null,
                Matrices.of(w), null,
                ModelProvenance.of(this, config, context, data, settings(config, Map.of()), prov));
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return ProjectionHashModel.load(archive, NAME);
    }
}
