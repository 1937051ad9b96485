package org.hashing4j.models.methods.itqcca;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.DeclaredMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodParameter;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.projection.ProjectionHashModel;
import org.hashing4j.models.methods.itq.Itq;
import org.hashing4j.models.methods.itq.ItqRotation;
import org.hashing4j.models.linalg.Matrices;
import org.hashing4j.models.linalg.SymmetricEigen;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ITQ-CCA (Gong &amp; Lazebnik, CVPR 2011 §4 / TPAMI 2013): supervised ITQ. Canonical correlation
 * analysis between the features X and the label matrix Y (one-hot, or multi-hot for multi-label
 * data) finds directions wₖ along which X correlates most with the labels:
 * Cxy·Cyy⁻¹·Cyx·w = ρ²·Cxx·w, with ridge {@code reg}·I added to Cxx and Cyy. The top-L
 * directions (normalised so each projection has unit variance) are scaled by their canonical
 * correlations ρₖ, as the paper prescribes, and the ITQ rotation is learned on the scaled
 * projections. Codes are sign((x − μ)·W·diag(ρ)·R).
 *
 * <p>Parameters: {@code reg} (default 1e-4, the authors' code), {@code iterations} (ITQ, default 50).
 * Bits ≤ the input dimension. Directions beyond the number of classes have correlation ≈ 0.
 */
public final class ItqCca extends DeclaredMethod {
    public static final String NAME = "itq-cca";
    private static final MethodParameter<Double> REG = MethodParameter.real("reg", 1e-4,
            "ridge added to the CCA covariances");
    private static final MethodParameter<Integer> ITERATIONS = MethodParameter.integer("iterations",
            Itq.DEFAULT_ITERATIONS, "ITQ rotation iterations");
    private static final Declaration DECLARATION = new Declaration(NAME, "ITQ-CCA", true,
            "Gong & Lazebnik, \"Iterative quantization\" (CCA-ITQ), CVPR 2011 / TPAMI 2013", List.of(REG, ITERATIONS));

    public ItqCca() {
        super(DECLARATION);
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        checkKnown(config);
        Labels labels = data.requireLabels(NAME);
        double reg = MethodSupport.checkPositive(NAME, REG, config, false);
        int iterations = MethodSupport.checkRange(NAME, ITERATIONS, config, 0, 100_000);
        int bits = config.bits();
        int d = data.dimension();
        MethodSupport.checkBits(NAME, bits, d, "one CCA direction per bit, and the input has " + d + " dimensions");
        MethodSupport.checkSize(NAME, data, 2);
        long start = System.nanoTime();
        context.listener().phaseStarted("itq-cca: CCA", 0);

        float[][] x = data.features();
        double[] mean = Matrices.columnMeans(x);
        INDArray cxx = Matrices.covariance(x, mean).addi(Matrices.identity(d).muli(reg));
        INDArray y = Matrices.labelMatrix(labels);
        int n = x.length;
        INDArray yc = y.subRowVector(y.mean(0));
        INDArray cyy = yc.transpose().mmul(yc).divi(n - 1)
                .addi(Matrices.identity((int) y.columns()).muli(reg));
        // Cxy = (X − 1μᵀ)ᵀ·(Y − 1ȳᵀ)/(n−1), block by block over X.
        INDArray cxy = Matrices.centredTransposeTimes(x, mean, yc).divi(n - 1);
        INDArray a = cxy.mmul(SymmetricEigen.of(cyy).shiftedInverse(0)).mmul(cxy.transpose());
        SymmetricEigen cca = SymmetricEigen.generalized(a, cxx, 1e-12);
        if (cca.size() < bits) {
            throw new HashingException(NAME + ": the features span only " + cca.size()
                    + " dimensions, fewer than the " + bits + " bits requested");
        }
        double[] rho2 = cca.values();
        double[] rho = new double[bits];
        for (int k = 0; k < bits; k++) {
            rho[k] = Math.sqrt(Math.max(0, rho2[k]));
        }
        INDArray w = cca.topVectors(bits).mulRowVector(Matrices.rowVector(rho));
        INDArray v = Matrices.centredTimes(x, mean, w);

        context.listener().phaseStarted("itq-cca: rotation", iterations);
        ItqRotation rotation = ItqRotation.learn(v, iterations, new Random(config.seed()));
        double[] losses = rotation.lossAfterRotation();
        Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("reg", reg);
        prov.put("iterations", iterations);
        prov.put("canonical_correlations", rho);
        prov.put("quantisation_loss", losses);
        prov.put("training_seconds", MethodSupport.secondsSince(start));
        context.listener().phaseFinished(Map.of("quantisation_loss", iterations == 0 ? Double.NaN : losses[iterations - 1]));
        return new ProjectionHashModel(NAME, d, null, mean, w.mmul(rotation.rotation()), null,
                ModelProvenance.of(this, config, context, data, settings(config, Map.of()), prov));
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return ProjectionHashModel.load(archive, NAME);
    }
}
