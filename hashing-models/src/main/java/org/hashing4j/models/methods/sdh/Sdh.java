package org.hashing4j.models.methods.sdh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
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
import org.hashing4j.models.linalg.RbfAnchorFeatures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * SDH, supervised discrete hashing (Shen, Shen, Liu &amp; Shen, CVPR 2015). Items are embedded with
 * RBF kernel features against anchors drawn from the training set, plus a bias; binary codes B are
 * learned so that a linear classifier predicts the labels from them while a linear hash function
 * of the kernel features reproduces them, optimised by {@link SdhSolver} (G-, F- and discrete
 * B-steps). The hash function is h(x) = sign(Pᵀ[φ(x); 1]).
 *
 * <p>Parameters and defaults (the authors' demo code): {@code anchors} 1000, {@code sigma} (RBF
 * width; 0 = the mean Euclidean distance between training items and anchors), {@code nu} 1e-5,
 * {@code lambda} 1 (ridge on the label regression W), {@code projection_lambda} 1e-2 (ridge on P),
 * {@code iterations} 5, {@code dcc_sweeps} 10, {@code train_samples} (items used for training, drawn
 * at random; default all).
 */
public final class Sdh extends DeclaredMethod {
    public static final String NAME = "sdh";
    private static final MethodParameter<Integer> ANCHORS = MethodParameter.integer("anchors", 1000,
            "RBF kernel anchors drawn from the training set");
    private static final MethodParameter<Double> SIGMA = MethodParameter.real("sigma", 0,
            "RBF width (0: mean item-anchor distance)");
    private static final MethodParameter<Double> NU = MethodParameter.real("nu", 1e-5, "weight of the hash-function fit");
    private static final MethodParameter<Double> LAMBDA = MethodParameter.real("lambda", 1,
            "ridge on the label regression");
    private static final MethodParameter<Double> PROJECTION_LAMBDA = MethodParameter.real("projection_lambda", "1e-2",
            "ridge on the projection");
    private static final MethodParameter<Integer> ITERATIONS = MethodParameter.integer("iterations", 5,
            "outer iterations");
    private static final MethodParameter<Integer> DCC_SWEEPS = MethodParameter.integer("dcc_sweeps", 10,
            "discrete cyclic coordinate sweeps per B step");
    /** All training items unless set. */
    private static final MethodParameter<Integer> TRAIN_SAMPLES = MethodParameter.integerPerRun("train_samples", "all",
            "train on this many random items");
    private static final Declaration DECLARATION = new Declaration(NAME, "SDH", true,
            "Shen, Shen, Liu & Shen, \"Supervised discrete hashing\", CVPR 2015",
            List.of(ANCHORS, SIGMA, NU, LAMBDA, PROJECTION_LAMBDA, ITERATIONS, DCC_SWEEPS, TRAIN_SAMPLES));
    /** Training items sampled to estimate the automatic σ. */
    private static final int SIGMA_SAMPLE = 2000;

    public Sdh() {
        super(DECLARATION);
    }

    @Override
    public TrainedModel fit(FeatureSet all, MethodConfig config, TrainingContext context) {
        checkKnown(config);
        all.requireLabels(NAME);
        int trainSamples = MethodSupport.checkRange(NAME, TRAIN_SAMPLES.name(),
                TRAIN_SAMPLES.read(config, all.size()), 2, Integer.MAX_VALUE);
        FeatureSet data = MethodSupport.subset(all, trainSamples, config.seed() ^ 0x5D45L);
        int anchors = MethodSupport.checkRange(NAME, ANCHORS, config, 1, Integer.MAX_VALUE);
        MethodSupport.checkAnchors(NAME, anchors, data);
        double sigma = MethodSupport.checkPositive(NAME, SIGMA, config, true);
        double nu = MethodSupport.checkPositive(NAME, NU, config, true);
        double lambda = MethodSupport.checkPositive(NAME, LAMBDA, config, false);
        double projectionLambda = MethodSupport.checkPositive(NAME, PROJECTION_LAMBDA, config, false);
        int iterations = MethodSupport.checkRange(NAME, ITERATIONS, config, 0, 10_000);
        int sweeps = MethodSupport.checkRange(NAME, DCC_SWEEPS, config, 1, 10_000);
        long start = System.nanoTime();
        Random rng = new Random(config.seed());

        context.listener().phaseStarted("sdh: kernel features", 0);
        float[][] anchorRows = RbfAnchorFeatures.sampleAnchors(data.features(), anchors, rng);
        if (sigma == 0) {
            sigma = RbfAnchorFeatures.distanceStatistics(data.features(), anchorRows, SIGMA_SAMPLE, rng)[0];
            if (!(sigma > 0)) {
                throw new HashingException(NAME + ": all training items are identical; cannot set the RBF width");
            }
        }
        RbfAnchorFeatures kernel = new RbfAnchorFeatures(anchorRows, sigma, null);
        INDArray phi = Nd4j.ones(DataType.DOUBLE, data.size(), anchors + 1);
        phi.get(NDArrayIndex.all(), NDArrayIndex.interval(0, anchors)).assign(kernel.features(data.features()));
        INDArray y = Matrices.labelMatrix(data.labels());

        context.listener().phaseStarted("sdh: alternating optimisation", iterations);
        SdhSolver solver = new SdhSolver(phi, y, config.bits(), lambda, nu, projectionLambda, sweeps, rng);
        List<Double> objective = new ArrayList<>();
        objective.add(solver.objective());
        for (int it = 1; it <= iterations; it++) {
            long changed = solver.bStep();
            solver.gStep();
            solver.fStep();
            double j = solver.objective();
            objective.add(j);
            context.listener().progress(it, Map.of("objective", j, "bits_changed", (double) changed));
        }
        INDArray p = solver.projection();
        INDArray weights = p.get(NDArrayIndex.interval(0, anchors), NDArrayIndex.all()).dup();
        double[] offset = Matrices.toVector(p.getRow(anchors).neg());
        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("anchors", anchors);
        prov.put("sigma", sigma);
        prov.put("nu", nu);
        prov.put("lambda", lambda);
        prov.put("projection_lambda", projectionLambda);
        prov.put("iterations", iterations);
        prov.put("objective", objective);
        prov.put("training_seconds", MethodSupport.secondsSince(start));
        context.listener().phaseFinished(Map.of("objective", objective.get(objective.size() - 1)));
        return new ProjectionHashModel(NAME, data.dimension(), kernel, null, weights, offset,
                ModelProvenance.of(this, config, context, data,
                        settings(config, Map.of(TRAIN_SAMPLES.name(), trainSamples)), prov));
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return ProjectionHashModel.load(archive, NAME);
    }
}
