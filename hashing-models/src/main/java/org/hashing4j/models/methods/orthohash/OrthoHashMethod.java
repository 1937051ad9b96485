package org.hashing4j.models.methods.orthohash;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.layers.Codebooks;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * OrthoHash (METHODS-DEEP.md §1.8): v = BN(W·f) (no bias; batch statistics while training, running
 * statistics with momentum 0.1 when encoding, so the bits are data-centred), a fixed codebook
 * T ∈ {±1}^{C×K}, cos_c = ⟨v, t_c⟩/(‖v‖·√K), and
 * <ul>
 *   <li>OrthoCos ({@code orthocos}): z_c = s·(cos_c − m·y_c);</li>
 *   <li>OrthoArc ({@code orthoarc}): z_c = s·cos(arccos(clamp(cos_c, ±0.99999)) + m·y_c);</li>
 * </ul>
 * L = CE(z, y), multi-label with the margin on every positive class and ȳ = y/Σy as target. Codes
 * sign(v) with the running statistics.
 *
 * <p>Parameters: {@code scale} (s, default 8), {@code margin} (m; default 0.3 OrthoCos, 0.2 OrthoArc —
 * FIRe's templates), {@code codebook} ({@code m} for OrthoCos, {@code b} for OrthoArc, as FIRe);
 * shared settings default to FIRe's global ones. State: the codebook and the BN running statistics.
 */
public final class OrthoHashMethod extends DeepHashingMethod {
    static final MethodParameter<Double> SCALE = MethodParameter.real("scale", 8, "scale s of the cosine logits");
    private final boolean arc;
    // The two variants differ in their defaults (FIRe's templates), so each instance declares its own.
    private final MethodParameter<Double> margin;
    private final MethodParameter<String> codebook;

    /** @param arc OrthoArc (angular margin) rather than OrthoCos (cosine margin) */
    public OrthoHashMethod(boolean arc) {
        this(arc, MethodParameter.real("margin", arc ? 0.2 : 0.3, "margin m"),
                MethodParameter.choice("codebook", arc ? "b" : "m",
                        "codebook: b (i.i.d. +-1) or m (minimum-distance sampler)", "b", "m"));
    }

    private OrthoHashMethod(boolean arc, MethodParameter<Double> margin, MethodParameter<String> codebook) {
        super(new Declaration(arc ? "orthoarc" : "orthocos", arc ? "OrthoArc" : "OrthoCos", true,
                "Hoe, Ng, Zhang, Chan, Song, Xiang, \"One Loss for All: Deep Hashing with a Single Cosine Similarity"
                        + " based Learning Objective\" (OrthoHash), NeurIPS 2021",
                List.of(SCALE, margin, codebook),
                DeepSettings.Defaults.fire()));
        this.arc = arc;
        this.margin = margin;
        this.codebook = codebook;
    }

    /** OrthoCos, for the registry. */
    public static OrthoHashMethod cos() {
        return new OrthoHashMethod(false);
    }

    /** OrthoArc, for the registry. */
    public static OrthoHashMethod arc() {
        return new OrthoHashMethod(true);
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new Objective(arc, positive(SCALE, config, false), positive(margin, config, true),
                codebook.read(name(), config));
    }

    /** The head (with batch normalisation), the loss, the codebook and the running statistics. */
    static final class Objective extends DeepObjective {
        static final String CODEBOOK = "codebook";
        static final String RUNNING_MEAN = "bn/running_mean";
        static final String RUNNING_VAR = "bn/running_var";
        static final String BATCH_MEAN = "bn/batch_mean";
        static final String BATCH_VAR = "bn/batch_var";
        static final double EPS = 1e-5;
        static final double MOMENTUM = 0.1;
        private final boolean arc;
        private final double scale;
        private final double margin;
        private final String codebook;
        private int bits;
        private int classes;
        private float[][] centres;
        private SameDiff sd;

        Objective(boolean arc, double scale, double margin, String codebook) {
            this.arc = arc;
            this.scale = scale;
            this.margin = margin;
            this.codebook = codebook;
        }

        @Override
        public Head build(HeadBuilder g) {
            sd = g.sd();
            bits = g.bits();
            SDVariable t = g.placeholder(CODEBOOK, -1, bits);
            SDVariable y = g.labels();
            SDVariable u = sd.identity("code_logits", g.denseNoBias("hash/fc", g.features(), g.featureDimension(), bits,
                    Math.sqrt(2.0 / (g.featureDimension() + bits))));
            SDVariable gamma = g.variable("bn/gamma", Nd4j.ones(1, bits));
            SDVariable beta = g.variable("bn/beta", Nd4j.zeros(1, bits));
            SDVariable mean = u.mean(BATCH_MEAN, true, 0);
            SDVariable centred = u.sub(mean);
            SDVariable var = centred.mul(centred).mean(BATCH_VAR, true, 0);
            SDVariable v = centred.div(sd.math.sqrt(var.add(EPS))).mul(gamma).add(beta);
            // Inference: the running statistics (constants the objective updates after each step).
            SDVariable runMean = g.constant(RUNNING_MEAN, Nd4j.zeros(1, bits));
            SDVariable runVar = g.constant(RUNNING_VAR, Nd4j.ones(1, bits));
            SDVariable vEval = sd.identity("codes_eval",
                    u.sub(runMean).div(sd.math.sqrt(runVar.add(EPS))).mul(gamma).add(beta));
            SDVariable norm = sd.math.sqrt(v.mul(v).sum(true, 1)).mul(Math.sqrt(bits));
            SDVariable cos = sd.mmul(v, t, false, true, false).div(norm);
            SDVariable z;
            if (arc) {
                SDVariable theta = sd.math.acos(sd.math.clipByValue(cos, -0.99999, 0.99999));
                z = sd.math.cos(theta.add(y.mul(margin))).mul(scale);
            } else {
                z = cos.sub(y.mul(margin)).mul(scale);
            }
            SDVariable ce = HashOps.crossEntropy(sd, z, y, g.multiLabel()).mean();
            return new Head(sd.identity("loss", ce), Map.of("classification_loss", ce), Encoding.sign(vEval));
        }

        @Override
        public void bind(FeatureSet data, int[] trainItems) {
            classes = data.requireLabels(arc ? "orthoarc" : "orthocos").numClasses();
        }

        @Override
        public void prepare(SplittableRandom random) {
            centres = Codebooks.generate(codebook, classes, bits, random);
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            return Map.of(CODEBOOK, Nd4j.create(centres));
        }

        @Override
        public List<String> observedOutputs() {
            return List.of(BATCH_MEAN, BATCH_VAR);
        }

        @Override
        public void observe(Batch batch, Map<String, INDArray> outputs) {
            INDArray runMean = sd.getArrForVarName(RUNNING_MEAN);
            INDArray runVar = sd.getArrForVarName(RUNNING_VAR);
            int n = batch.size();
            // PyTorch's update: the running variance takes the unbiased batch variance.
            INDArray unbiased = outputs.get(BATCH_VAR).castTo(runVar.dataType()).mul(n > 1 ? (double) n / (n - 1) : 1.0);
            runMean.muli(1 - MOMENTUM).addi(outputs.get(BATCH_MEAN).castTo(runMean.dataType()).mul(MOMENTUM));
            runVar.muli(1 - MOMENTUM).addi(unbiased.muli(MOMENTUM));
        }

        @Override
        public Map<String, INDArray> state() {
            Map<String, INDArray> m = new LinkedHashMap<>();
            if (centres != null) {
                m.put(CODEBOOK, Nd4j.create(centres));
            }
            m.put("running_mean", sd.getArrForVarName(RUNNING_MEAN).dup());
            m.put("running_var", sd.getArrForVarName(RUNNING_VAR).dup());
            return m;
        }

        @Override
        public void restoreState(Map<String, INDArray> state, String source) {
            INDArray mean = state.get("running_mean");
            INDArray var = state.get("running_var");
            if (mean == null || var == null || mean.length() != bits || var.length() != bits) {
                throw new HashingException(source + ": OrthoHash state needs running_mean and running_var (" + bits
                        + " values each)");
            }
            sd.getArrForVarName(RUNNING_MEAN).assign(mean.reshape(1, bits));
            sd.getArrForVarName(RUNNING_VAR).assign(var.reshape(1, bits));
            if (state.containsKey(CODEBOOK)) {
                centres = state.get(CODEBOOK).toFloatMatrix();
            }
        }

        float[][] centres() {
            return centres;
        }
    }
}
