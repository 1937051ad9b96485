package org.hashing4j.models.methods.dtsh;

import java.util.List;
import java.util.Map;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.layers.LabelPairs;
import org.hashing4j.models.training.DeepHashingMethod;
import org.hashing4j.models.training.DeepObjective;
import org.hashing4j.models.training.DeepSettings;
import org.hashing4j.models.MethodParameter;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DTSH (METHODS-DEEP.md §1.5, FIRe's batch form): Θ_ij = ⟨u_i, u_j⟩; for every anchor i with at
 * least one positive P_i (itself included) and one negative N_i,
 * ℓ_i = mean_{j∈P_i, k∈N_i} softplus(−t_ijk) with t_ijk = clamp(Θ_ij − Θ_ik − α, −100, 50);
 * L = mean over valid anchors of ℓ_i + λ·mean (u − sign u)² (0 when no anchor is valid). The
 * triplet weights (1/(|P_i|·|N_i|·#valid) on valid triplets) are computed in Java per batch and the
 * n×n×n triplet tensor in the graph (n = 64 gives 262,144 entries). Codes sign(u).
 *
 * <p>Parameters: {@code alpha} (margin, default 5: FIRe and DeepHash-pytorch; the authors use K/2),
 * {@code lambda} (quantisation weight, default 1); shared settings default to FIRe's global ones.
 */
public final class DtshMethod extends DeepHashingMethod {
    static final MethodParameter<Double> ALPHA = MethodParameter.real("alpha", 5,
            "triplet margin (FIRe, DeepHash-pytorch; the authors use K/2)");
    static final MethodParameter<Double> LAMBDA = MethodParameter.real("lambda", 1, "quantisation weight");

    /** The method, as the registry builds it. */
    public DtshMethod() {
        super(new Declaration("dtsh", "DTSH", true,
                "Wang, Shi, Kitani, \"Deep Supervised Hashing with Triplet Labels\", ACCV 2016",
                List.of(ALPHA, LAMBDA),
                DeepSettings.Defaults.fire()));
    }

    @Override
    protected DeepObjective objective(MethodConfig config) {
        return new Objective(positive(ALPHA, config, true), positive(LAMBDA, config, true));
    }

    /** The head and loss. */
    static final class Objective extends DeepObjective {
        static final String WEIGHTS = "triplet_weights";
        private final double alpha;
        private final double lambda;

        Objective(double alpha, double lambda) {
            this.alpha = alpha;
            this.lambda = lambda;
        }

        @Override
        public Head build(HeadBuilder g) {
            SameDiff sd = g.sd();
            g.labels();
            SDVariable w = g.placeholder(WEIGHTS, -1, -1, -1);
            SDVariable u = g.hashLayer();
            SDVariable theta = sd.mmul(u, u, false, true, false);
            SDVariable t = sd.expandDims(theta, 2).sub(sd.expandDims(theta, 1)).sub(alpha);
            SDVariable clamped = sd.math.clipByValue(t, -100, 50);
            SDVariable triplet = w.mul(HashOps.softplus(sd, clamped.neg())).sum();
            SDVariable quantization = HashOps.quantization(sd, u);
            return Head.weighted("triplet", triplet, "quantization", quantization, lambda, u);
        }

        @Override
        public Map<String, INDArray> feed(Batch batch) {
            return Map.of(WEIGHTS, weights(LabelPairs.similarity(batch.labels().toFloatMatrix())));
        }

        /** w_ijk = s_ij·(1 − s_ik) / (|P_i|·|N_i|·#valid anchors). */
        static INDArray weights(float[][] s) {
            int n = s.length;
            int[] pos = new int[n];
            int[] neg = new int[n];
            int valid = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    pos[i] += s[i][j] > 0 ? 1 : 0;
                }
                neg[i] = n - pos[i];
                valid += pos[i] > 0 && neg[i] > 0 ? 1 : 0;
            }
            float[] w = new float[n * n * n];
            for (int i = 0; i < n; i++) {
                if (pos[i] == 0 || neg[i] == 0) {
                    continue;
                }
                float v = (float) (1.0 / ((double) pos[i] * neg[i] * valid));
                for (int j = 0; j < n; j++) {
                    if (s[i][j] > 0) {
                        for (int k = 0; k < n; k++) {
                            if (s[i][k] == 0) {
                                w[(i * n + j) * n + k] = v;
                            }
                        }
                    }
                }
            }
            return Nd4j.create(w, new long[] {n, n, n}, 'c');
        }
    }
}
