package org.hashing4j.models.methods.dshangular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.models.MethodConfig;
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
 * Angular DSH (Zhou, Po, Yuen, Cheung, Xu, Lau, Zhao, Liu, Wong, IEEE Access 7, 2019; METHODS-DEEP.md
 * §1.10 b), FIRe's {@code adsh}, registered as {@code dsh-angular}.
 *
 * <p>Head: v = W·f (no bias, FIRe's {@code orthohash} arch without BN); learnable class weights
 * w_c ∈ R^K (N(0, 1)); cos_c = cos(v, w_c). Loss L = CE(margin logits) − α·mean_{c&lt;c'} hd_cc' +
 * β·var_{c&lt;c'} hd_cc' (unbiased variance; 0 with fewer than 3 classes), hd_cc' = (K − ⟨g_c, g_c'⟩)/2,
 * g_c = tanh(w_c/‖w_c‖). Margin logits: {@code cosface} z_c = s(cos_c − m[c = y]) or {@code arcface}
 * z_c = s·cos(arccos(clamp(cos_c, ±0.99999)) + m[c = y]). Multi-label rows ("dynamic softmax"): one
 * extra logit for cos(v, w̄), w̄ the mean weight of the row's classes, with the margin, as the target
 * of a (C+1)-way softmax. Codes: sign(v).
 *
 * <p>Parameters (FIRe's {@code adsh.yaml}): {@code scale} s (10), {@code margin} m (0.2),
 * {@code alpha} (1), {@code beta} (1), {@code margin_type} (cosface). Shared settings: FIRe's global.
 */
public final class AngularDshMethod extends DeepHashingMethod {
    static final MethodParameter<Double> SCALE = MethodParameter.real("scale", 10, "scale s of the cosine logits");
    static final MethodParameter<Double> MARGIN = MethodParameter.real("margin", 0.2, "margin m");
    static final MethodParameter<Double> ALPHA = MethodParameter.real("alpha", 1,
            "weight of the mean Hamming distance between class weights");
    static final MethodParameter<Double> BETA = MethodParameter.real("beta", 1,
            "weight of the variance of those distances");
    static final MethodParameter<String> MARGIN_TYPE = MethodParameter.choice("margin_type", "cosface",
            "cosface or arcface margin", "cosface", "arcface");

    /** The method, as the registry builds it. */
    public AngularDshMethod() {
        super(new Declaration("dsh-angular", "DSH-Angular", true,
                "Zhou, Po, Yuen, Cheung, Xu, Lau, Zhao, Liu, Wong, \"Angular Deep Supervised Hashing for Image Retrieval\", IEEE Access 7, 2019 (FIRe's adsh)",
                List.of(SCALE, MARGIN, ALPHA, BETA, MARGIN_TYPE),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        double s = positive(SCALE, config, false);
        double m = positive(MARGIN, config, true);
        double alpha = positive(ALPHA, config, true);
        double beta = positive(BETA, config, true);
        String type = MARGIN_TYPE.read(name(), config);
        return new Objective(s, m, alpha, beta, type.equals("arcface"));
    }

    /** The head and loss described in the class comment. */
    static final class Objective extends DeepObjective {
        private final double scale;
        private final double margin;
        private final double alpha;
        private final double beta;
        private final boolean arcface;

        Objective(double scale, double margin, double alpha, double beta, boolean arcface) {
            this.scale = scale;
            this.margin = margin;
            this.alpha = alpha;
            this.beta = beta;
            this.arcface = arcface;
        }

        private SDVariable marginLogits(SameDiff sd, SDVariable cos, SDVariable target) {
            if (!arcface) {
                return cos.sub(target.mul(margin)).mul(scale);
            }
            SDVariable theta = sd.math.acos(sd.math.clipByValue(cos, -0.99999, 0.99999));
            return sd.math.cos(theta.add(target.mul(margin))).mul(scale);
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            int k = g.bits();
            int c = g.numClasses();
            SDVariable v = sd.identity("code_logits", g.denseNoBias("hash/fc", g.features(), g.featureDimension(), k, 0.01));
            SDVariable w = g.variable("class_weights", g.init().normal(1.0, c, k));
            SDVariable y = g.labels();
            SDVariable vn = v.div(sd.math.sqrt(v.mul(v).sum(true, 1)).add(1e-12));
            SDVariable wn = w.div(sd.math.sqrt(w.mul(w).sum(true, 1)).add(1e-12));
            SDVariable cos = sd.mmul(vn, wn, false, true, false);
            SDVariable ce;
            if (!g.multiLabel()) {
                ce = HashOps.crossEntropy(sd, marginLogits(sd, cos, y), y, false).mean();
            } else {
                SDVariable mean = sd.mmul(y.div(y.sum(true, 1).add(1e-12)), w);
                SDVariable meanN = mean.div(sd.math.sqrt(mean.mul(mean).sum(true, 1)).add(1e-12));
                SDVariable extra = vn.mul(meanN).sum(true, 1);
                SDVariable all = sd.concat(1, cos.mul(scale), marginLogits(sd, extra, sd.onesLike(extra)));
                SDVariable target = sd.concat(1, sd.zerosLike(y), sd.onesLike(extra));
                ce = HashOps.crossEntropy(sd, all, target, false).mean();
            }
            SDVariable gc = sd.math.tanh(wn);
            SDVariable hd = sd.mmul(gc, gc, false, true, false).rsub((double) k).mul(0.5);
            int pairs = c * (c - 1) / 2;
            float[][] upper = new float[c][c];
            for (int a = 0; a < c; a++) {
                for (int b = a + 1; b < c; b++) {
                    upper[a][b] = 1f;
                }
            }
            SDVariable mask = g.constant("class_pairs", Nd4j.create(upper));
            SDVariable meanHd = hd.mul(mask).sum().div(Math.max(1, pairs));
            SDVariable dev = hd.sub(meanHd).mul(mask);
            SDVariable varHd = pairs < 2 ? meanHd.mul(0.0) : dev.mul(dev).sum().div(pairs - 1);
            SDVariable loss = ce.sub(meanHd.mul(alpha)).add(varHd.mul(beta));
            Map<String, SDVariable> terms = new LinkedHashMap<>();
            terms.put("classification_loss", ce);
            terms.put("class_distance_mean", meanHd);
            terms.put("class_distance_variance", varHd);
            return new Head(sd.identity("loss", loss), terms, Encoding.sign(v));
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            return Map.of();
        }
    }
}
