package org.hashing4j.models.methods.pcah;

import java.io.IOException;
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
import org.hashing4j.models.projection.ProjectionHashModel;
import org.hashing4j.models.linalg.Pca;

/**
 * PCAH, PCA hashing (as in Wang, Kumar &amp; Chang and the comparisons of Gong &amp; Lazebnik): bit k
 * is sign(wₖ·(x − μ)) with wₖ the k-th principal direction of the training data. Bits ≤ the
 * input dimension. No parameters.
 */
public final class Pcah extends DeclaredMethod {
    public static final String NAME = "pcah";
    private static final Declaration DECLARATION = new Declaration(NAME, "PCAH", false,
            "Wang, Kumar & Chang, \"Semi-supervised hashing for large-scale search\", TPAMI 2012 (PCA hashing baseline)",
            List.of());

    public Pcah() {
        super(DECLARATION);
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        checkKnown(config);
        MethodSupport.checkBits(NAME, config.bits(), data.dimension(),
                "one bit per principal direction, and the input has " + data.dimension() + " dimensions");
        MethodSupport.checkSize(NAME, data, 2);
        long start = System.nanoTime();
        Pca pca = Pca.fit(data.features(), config.bits());
        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("variances", pca.variances());
        prov.put("training_seconds", MethodSupport.secondsSince(start));
        return new ProjectionHashModel(NAME, data.dimension(), null, pca.mean(), pca.components(), null,
                ModelProvenance.of(this, config, context, data, settings(config, Map.of()), prov));
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return ProjectionHashModel.load(archive, NAME);
    }
}
