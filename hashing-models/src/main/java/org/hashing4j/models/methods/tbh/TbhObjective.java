package org.hashing4j.models.methods.tbh;

import java.util.Map;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.layers.StochasticBinaryNeuron;
import org.hashing4j.models.training.DeepObjective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * TBH's twin-bottleneck autoencoder and its losses (METHODS-DEEP.md §2.4), on the (frozen) feature f:
 * <ul>
 *   <li>encoder e = ReLU(W1 f + c1); code logits ℓ = W2 e + c2; p = σ(ℓ); b = [p &gt; ½] ∈ {0,1}, gradient
 *       straight through to p ({@link StochasticBinaryNeuron} with ε fixed at ½, as FIRe and the authors'
 *       current code); continuous bottleneck z = W3 e + c3 (no activation, as FIRe);</li>
 *   <li>graph A_ij = (1 − d_H(b_i, b_j)/K)^1.4, written as ((b bᵀ + (1−b)(1−b)ᵀ)/K)^1.4 (equal for binary
 *       b, and how the authors compute it; it fixes the straight-through gradient); Â = D^−½ A D^−½ with
 *       D the row sums (+1e−8);</li>
 *   <li>g = σ(Â (W4 z + c4)); reconstruction r = W6 ReLU(W5 g + c5) + c6;</li>
 *   <li>L_rec = ½ Σ_{i,d} (r_id − f_id)², summed over batch and dimensions as FIRe ({@code element}) and
 *       the authors do (so it outweighs λ·L_adv on large inputs, as it does there); the target f is a
 *       constant;</li>
 *   <li>critics D1(b) = W_b b + c_b and D2(g) = W_g g + c_g (logits; sigmoid inside the BCE, written
 *       with softplus so that it cannot take log 0); priors b̃ ~ Bernoulli(½)^K, g̃ ~ U(0,1)^latent drawn
 *       per batch from the run's stream; L_adv = BCE(D1(b),1) + BCE(D1(b̃),0) + BCE(D2(g),1) +
 *       BCE(D2(g̃),0), each a batch mean (FIRe's labelling).</li>
 * </ul>
 * The paper alternates two optimisers: the actor minimises L_rec − λ·L_adv, the critics λ·L_adv.
 * Here both take their step together on one loss, L_rec + λ·L_adv, where b and g reach the critics
 * through a gradient reversal (value x, gradient −1): the critics' weights get ∂(λL_adv), the
 * encoder, GCN and decoder get ∂L_rec − λ·∂L_adv — the same gradients as the two updates, evaluated
 * at the same weights instead of one after the other. Codes: sign(ℓ) = sign(p − ½).
 */
final class TbhObjective extends DeepObjective {
    static final String PRIOR_CODES = "prior_codes";
    static final String PRIOR_LATENT = "prior_latent";
    static final double GRAPH_POWER = 1.4;

    private final double lambda;
    private final int hidden;
    private final int latent;
    private int bits;

    TbhObjective(double lambda, int hidden, int latent) {
        this.lambda = lambda;
        this.hidden = hidden;
        this.latent = latent;
    }

    /** Value x, gradient −∂: sg(2x) − x. */
    static SDVariable reverseGradient(SameDiff sd, SDVariable x) {
        return HashOps.stopGradient(sd, x.mul(2.0)).sub(x);
    }

    @Override
    public Head build(HeadBuilder g) {
        SameDiff sd = g.sd();
        bits = g.bits();
        int d = g.featureDimension();
        SDVariable f = g.features();
        SDVariable e = sd.nn.relu(g.dense("encoder/fc", f, d, hidden), 0);
        SDVariable logits = sd.identity("code_logits", g.dense("hash/fc", e, hidden, bits));
        SDVariable p = sd.nn.sigmoid(logits);
        SDVariable b = StochasticBinaryNeuron.sample(sd, "codes", p, g.constant("half", Nd4j.scalar(0.5)));
        SDVariable z = g.dense("continuous/fc", e, hidden, latent);

        SDVariable notB = b.rsub(1.0);
        SDVariable agreement = sd.mmul(b, b, false, true, false).add(sd.mmul(notB, notB, false, true, false)).div(bits);
        // a^1.4 as exp(1.4·log(a + 1e−30)): the same value in float, and a finite gradient (≈ 0) for
        // complementary codes (a = 0), where the log alone would give 0·∞.
        SDVariable adjacency = sd.math.exp(sd.math.log(agreement.add(1e-30)).mul(GRAPH_POWER));
        SDVariable dInv = sd.math.sqrt(adjacency.sum(true, 1).add(1e-8)).rdiv(1.0);
        SDVariable normalized = adjacency.mul(dInv).mul(sd.transpose(dInv));
        SDVariable smoothed = sd.nn.sigmoid(sd.mmul(normalized, g.dense("gcn/fc", z, latent, latent)));
        SDVariable decoded = g.dense("decoder/out", sd.nn.relu(g.dense("decoder/fc", smoothed, latent, hidden), 0), hidden, d);
        SDVariable diff = decoded.sub(HashOps.stopGradient(sd, f));
        SDVariable reconstruction = diff.mul(diff).sum().mul(0.5);

        SDVariable wb = g.variable("critic_codes/W", g.init().glorotUniform(bits, 1, bits, 1));
        SDVariable cb = g.variable("critic_codes/b", g.init().zeros(1));
        SDVariable wg = g.variable("critic_latent/W", g.init().glorotUniform(latent, 1, latent, 1));
        SDVariable cg = g.variable("critic_latent/b", g.init().zeros(1));
        SDVariable codeReal = sd.nn.linear(reverseGradient(sd, b), wb, cb);
        SDVariable codePrior = sd.nn.linear(g.placeholder(PRIOR_CODES, -1, bits), wb, cb);
        SDVariable latentReal = sd.nn.linear(reverseGradient(sd, smoothed), wg, cg);
        SDVariable latentPrior = sd.nn.linear(g.placeholder(PRIOR_LATENT, -1, latent), wg, cg);
        // BCE(σ(a), 1) = softplus(−a); BCE(σ(a), 0) = softplus(a).
        SDVariable adversarial = HashOps.softplus(sd, codeReal.neg()).mean()
                .add(HashOps.softplus(sd, codePrior).mean())
                .add(HashOps.softplus(sd, latentReal.neg()).mean())
                .add(HashOps.softplus(sd, latentPrior).mean());

        return Head.weighted("reconstruction", reconstruction, "adversarial", adversarial, lambda, logits);
    }

    @Override
    public Map<String, INDArray> feed(Batch batch) {
        int n = batch.size();
        float[] codes = new float[n * bits];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = batch.random().nextBoolean() ? 1f : 0f;
        }
        float[] u = new float[n * latent];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) batch.random().nextDouble();
        }
        return Map.of(PRIOR_CODES, Nd4j.create(codes, new long[] {n, bits}, 'c'),
                PRIOR_LATENT, Nd4j.create(u, new long[] {n, latent}, 'c'));
    }
}
