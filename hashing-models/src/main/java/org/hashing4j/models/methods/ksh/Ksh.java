package org.hashing4j.models.methods.ksh;

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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * KSH, kernel-based supervised hashing (Liu, Wang, Ji, Jiang &amp; Chang, CVPR 2012). Hash functions
 * are h_k(x) = sgn(a_kᵀ·k̄(x)) on zero-mean RBF kernel features k̄(x) against m anchors
 * (k(x, a) = exp(−‖x − a‖²/(2σ²)), σ² the mean squared item–anchor distance, centred by the mean
 * over the training set, as in the authors' code). The projections are learned bit by bit on l
 * labelled items by {@link KshSolver} so that code inner products match the pairwise labels.
 *
 * <p>Parameters and defaults (the paper's settings): {@code anchors} 300, {@code labelled} 2000
 * (l; the paper reports l = 1000 and 2000), {@code sigma} (0 = automatic, as above),
 * {@code iterations} 500 (gradient-descent steps per bit at most), {@code centre_samples} 10000
 * (training items used to estimate the kernel centre and σ).
 */
public final class Ksh extends DeclaredMethod {
    public static final String NAME = "ksh";
    private static final MethodParameter<Integer> ANCHORS = MethodParameter.integer("anchors", 300,
            "RBF kernel anchors");
    private static final MethodParameter<Integer> LABELLED = MethodParameter.integer("labelled", 2000,
            "labelled items the projections are learned on");
    private static final MethodParameter<Double> SIGMA = MethodParameter.real("sigma", 0, "RBF width (0: automatic)");
    private static final MethodParameter<Integer> ITERATIONS = MethodParameter.integer("iterations", 500,
            "gradient steps per bit at most");
    private static final MethodParameter<Integer> CENTRE_SAMPLES = MethodParameter.integer("centre_samples", 10_000,
            "items used for the kernel centre and sigma");
    private static final Declaration DECLARATION = new Declaration(NAME, "KSH", true,
            "Liu, Wang, Ji, Jiang & Chang, \"Supervised hashing with kernels\", CVPR 2012",
            List.of(ANCHORS, LABELLED, SIGMA, ITERATIONS, CENTRE_SAMPLES));

    public Ksh() {
        super(DECLARATION);
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        checkKnown(config);
        data.requireLabels(NAME);
        int anchors = MethodSupport.checkRange(NAME, ANCHORS, config, 1, Integer.MAX_VALUE);
        int labelled = MethodSupport.checkRange(NAME, LABELLED, config, 2, 20_000);
        double sigma = MethodSupport.checkPositive(NAME, SIGMA, config, true);
        int iterations = MethodSupport.checkRange(NAME, ITERATIONS, config, 0, 100_000);
        int centreSamples = MethodSupport.checkRange(NAME, CENTRE_SAMPLES, config, 1, Integer.MAX_VALUE);
        MethodSupport.checkAnchors(NAME, anchors, data);
        long start = System.nanoTime();
        Random rng = new Random(config.seed());
        context.listener().phaseStarted("ksh: kernel features", 0);
        float[][] anchorRows = RbfAnchorFeatures.sampleAnchors(data.features(), anchors, rng);
        FeatureSet centreSet = MethodSupport.subset(data, centreSamples, rng.nextLong());
        if (sigma == 0) {
            double meanSq = RbfAnchorFeatures.distanceStatistics(centreSet.features(), anchorRows, centreSamples, rng)[1];
            if (!(meanSq > 0)) {
                throw new HashingException(NAME + ": all training items are identical; cannot set the RBF width");
            }
            sigma = Math.sqrt(meanSq);
        }
        RbfAnchorFeatures raw = new RbfAnchorFeatures(anchorRows, sigma, null);
        RbfAnchorFeatures kernel = raw.withCentre(Matrices.columnMeans(raw.features(centreSet.features())));

        FeatureSet labelledSet = MethodSupport.subset(data, labelled, rng.nextLong());
        INDArray kbar = kernel.features(labelledSet.features());
        int bits = config.bits();
        KshSolver solver = new KshSolver(kbar, labelledSet.labels(), bits);
        double[][] a = new double[anchors][bits];
        List<Double> residual = new ArrayList<>();
        residual.add(solver.residualNorm());
        int keptDescent = 0;
        List<Integer> descentIterations = new ArrayList<>();
        context.listener().phaseStarted("ksh: bits", bits);
        for (int k = 0; k < bits; k++) {
            KshSolver.Bit bit = solver.nextBit(iterations);
            for (int j = 0; j < anchors; j++) {
                a[j][k] = bit.a[j];
            }
            keptDescent += bit.descentKept ? 1 : 0;
            descentIterations.add(bit.iterations);
            residual.add(solver.residualNorm());
            context.listener().progress(k + 1, Map.of("residual", solver.residualNorm(),
                    "descent_iterations", (double) bit.iterations));
        }
        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("anchors", anchors);
        prov.put("labelled", labelledSet.size());
        prov.put("sigma", sigma);
        prov.put("iterations", iterations);
        prov.put("bits_improved_by_descent", keptDescent);
        prov.put("descent_iterations", descentIterations);
        prov.put("residual", residual);
        prov.put("training_seconds", MethodSupport.secondsSince(start));
        context.listener().phaseFinished(Map.of("residual", solver.residualNorm()));
        return new ProjectionHashModel(NAME, data.dimension(), kernel, null, Matrices.of(a), null,
                ModelProvenance.of(this, config, context, data, settings(config, Map.of()), prov));
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return ProjectionHashModel.load(archive, NAME);
    }
}
