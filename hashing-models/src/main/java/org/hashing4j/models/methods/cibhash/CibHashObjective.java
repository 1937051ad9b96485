package org.hashing4j.models.methods.cibhash;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.training.DeepObjective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CIBHash's head and loss (METHODS-DEEP.md §2.5). Each batch of n items is fed as 2n rows: view a of
 * every item, then view b ({@link #trainingInput}). Head: ℓ = Linear(ReLU(Linear(f))) (K units),
 * p = σ(ℓ), z = SignHash(p − ½) (straight-through).
 * <ul>
 *   <li>L_con: NT-Xent over the 2n codes with sim_ij = cos(z_i, z_j)/τ; each anchor's positive is its
 *       other view, its negatives the other 2n − 2 codes; averaged over the 2n anchors;</li>
 *   <li>L_kl = ½[mean_i KL(p_i^a ‖ p_i^b) + mean_i KL(p_i^b ‖ p_i^a)], per-bit Bernoulli KL summed over
 *       bits, 1e−8 inside the logs, the second argument detached;</li>
 *   <li>L = L_con + β·L_kl.</li>
 * </ul>
 * Codes: sign(ℓ), i.e. sign(p − ½) with sign(0) := +1.
 */
final class CibHashObjective extends DeepObjective {
    static final String FIRST = "view_a";
    static final String SECOND = "view_b";
    static final String POSITIVES = "positives";
    static final String SELF = "self";
    /** Subtracted from an anchor's similarity with itself: exp(−1e4) is exactly 0, so it drops out. */
    private static final double EXCLUDE = 1e4;

    private final double temperature;
    private final double beta;
    private final int hidden;
    private final Augmentation augmentation;
    private int[] imageShape;

    CibHashObjective(double temperature, double beta, int hidden, Augmentation augmentation) {
        this.temperature = temperature;
        this.beta = beta;
        this.hidden = hidden;
        this.augmentation = augmentation;
    }

    @Override
    public Head build(HeadBuilder g) {
        SameDiff sd = g.sd();
        int k = g.bits();
        SDVariable e = sd.nn.relu(g.dense("encoder/fc", g.features(), g.featureDimension(), hidden), 0);
        SDVariable logits = sd.identity("code_logits", g.dense("hash/fc", e, hidden, k));
        SDVariable p = sd.nn.sigmoid(logits);
        SDVariable z = HashOps.signStraightThrough(sd, "codes", p.sub(0.5));

        // NT-Xent on the 2n codes.
        SDVariable norm = sd.math.sqrt(z.mul(z).sum(true, 1)).add(1e-12);
        SDVariable zn = z.div(norm);
        SDVariable sim = sd.mmul(zn, zn, false, true, false).div(temperature);
        SDVariable masked = sim.sub(g.placeholder(SELF, -1, -1).mul(EXCLUDE));
        SDVariable max = HashOps.stopGradient(sd, masked.max(true, 1));
        SDVariable lse = sd.math.log(sd.math.exp(masked.sub(max)).sum(true, 1)).add(max);
        SDVariable positive = sim.mul(g.placeholder(POSITIVES, -1, -1)).sum(true, 1);
        SDVariable contrastive = lse.sub(positive).mean();

        // KL between the two views' bit probabilities (rows selected by n × 2n matrices).
        SDVariable pa = g.placeholder(FIRST, -1, -1).mmul(p);
        SDVariable pb = g.placeholder(SECOND, -1, -1).mmul(p);
        SDVariable kl = kl(sd, pa, HashOps.stopGradient(sd, pb)).add(kl(sd, pb, HashOps.stopGradient(sd, pa))).mul(0.5);

        return Head.weighted("contrastive_loss", contrastive, "kl", kl, beta, logits);
    }

    /** mean_i Σ_k KL(Bern(p_ik) ‖ Bern(q_ik)), 1e−8 inside the logs. */
    private static SDVariable kl(SameDiff sd, SDVariable p, SDVariable q) {
        SDVariable onep = p.rsub(1.0);
        SDVariable oneq = q.rsub(1.0);
        SDVariable a = p.mul(sd.math.log(p.add(1e-8)).sub(sd.math.log(q.add(1e-8))));
        SDVariable b = onep.mul(sd.math.log(onep.add(1e-8)).sub(sd.math.log(oneq.add(1e-8))));
        return a.add(b).sum(1).mean();
    }

    /** It does: see {@link #bind}. */
    @Override
    public boolean readsTrainingRows() {
        return true;
    }

    @Override
    public void bind(FeatureSet data, int[] trainItems) {
        imageShape = data.imageShape();
    }

    /** Two views of every row: rows 0..n−1 are views a, rows n..2n−1 views b of the same items. */
    @Override
    public INDArray trainingInput(Batch batch) {
        float[][] x = batch.input().toFloatMatrix();
        int n = x.length;
        float[][] views = new float[2 * n][];
        for (int i = 0; i < n; i++) {
            views[i] = augmentation.view(x[i], imageShape, batch.random());
            views[n + i] = augmentation.view(x[i], imageShape, batch.random());
        }
        return Nd4j.create(views);
    }

    @Override
    public Map<String, INDArray> feed(Batch batch) {
        int n = batch.size();
        int m = 2 * n;
        float[] pos = new float[m * m];
        float[] self = new float[m * m];
        float[] a = new float[n * m];
        float[] b = new float[n * m];
        for (int i = 0; i < n; i++) {
            pos[i * m + n + i] = 1f;
            pos[(n + i) * m + i] = 1f;
            a[i * m + i] = 1f;
            b[i * m + n + i] = 1f;
        }
        for (int i = 0; i < m; i++) {
            self[i * m + i] = 1f;
        }
        Map<String, INDArray> f = new LinkedHashMap<>();
        f.put(POSITIVES, Nd4j.create(pos, new long[] {m, m}, 'c'));
        f.put(SELF, Nd4j.create(self, new long[] {m, m}, 'c'));
        f.put(FIRST, Nd4j.create(a, new long[] {n, m}, 'c'));
        f.put(SECOND, Nd4j.create(b, new long[] {n, m}, 'c'));
        return f;
    }
}
