package org.hashing4j.models.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.layers.LabelPairs;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset-level bank (METHODS-DEEP.md §0): the latest K-dimensional output of every training item,
 * detached, zeros at the start. Losses pair the batch with the whole bank, the batch's rows replaced
 * by the current outputs before the loss ({@link #effective}); after the step the batch's rows take
 * the outputs of the forward pass ({@link #update}). Rows follow the training items' order. For
 * labelled data the bank also feeds the batch × bank label similarity s_ij ({@link #similarity}),
 * which every pairwise bank loss (DPSH, DFH) needs.
 */
public final class CodeBank {
    /** Placeholder of the bank with the batch's rows zeroed. */
    public static final String BANK = "bank";
    /** Placeholder of the batch × bank one-hot selection. */
    public static final String SELECT = "bank_select";
    /** Placeholder of the batch × bank label similarity: 1 where the items share a label, else 0. */
    public static final String SIMILARITY = "bank_similarity";

    private final int bits;
    private int[] row;
    private int[] items;
    private Labels labels;
    private int size;
    private float[][] codes;

    public CodeBank(int bits) {
        this.bits = bits;
    }

    /** Sizes the bank for {@code trainItems} of {@code data}, and keeps its labels (if any) for the similarity. */
    public void bind(FeatureSet data, int[] trainItems) {
        labels = data.labels();
        items = trainItems.clone();
        row = new int[data.size()];
        Arrays.fill(row, -1);
        for (int r = 0; r < trainItems.length; r++) {
            row[trainItems[r]] = r;
        }
        size = trainItems.length;
    }

    /** Zeros, as at the start of training. */
    public void reset() {
        codes = new float[size][bits];
    }

    /** The graph side: the bank with the batch's rows replaced by {@code u}, detached. */
    public static SDVariable effective(DeepObjective.HeadBuilder g, SDVariable u, int bits) {
        SameDiff sd = g.sd();
        SDVariable bank = g.placeholder(BANK, -1, bits);
        SDVariable select = g.placeholder(SELECT, -1, -1);
        return bank.add(sd.mmul(select, new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd, u)
                .outputVariable(), true, false, false));
    }

    /** The graph side of the label similarity between the batch and the bank's rows (labelled data only). */
    public static SDVariable similarity(DeepObjective.HeadBuilder g) {
        return g.placeholder(SIMILARITY, -1, -1);
    }

    /** The feeds for a batch of data rows {@code batch}: the bank, the selection, and the similarity for labelled data. */
    public Map<String, INDArray> feed(int[] batch) {
        int n = batch.length;
        float[] b = new float[size * bits];
        for (int r = 0; r < size; r++) {
            System.arraycopy(codes[r], 0, b, r * bits, bits);
        }
        float[] sel = new float[n * size];
        for (int i = 0; i < n; i++) {
            int r = row[batch[i]];
            Arrays.fill(b, r * bits, (r + 1) * bits, 0f);
            sel[i * size + r] = 1f;
        }
        Map<String, INDArray> f = new LinkedHashMap<>();
        f.put(BANK, Nd4j.create(b, new long[] {size, bits}, 'c'));
        f.put(SELECT, Nd4j.create(sel, new long[] {n, size}, 'c'));
        if (labels != null) {
            f.put(SIMILARITY, LabelPairs.similarity(labels, batch, items));
        }
        return f;
    }

    /** Stores the batch's outputs. */
    public void update(int[] items, INDArray outputs) {
        float[][] u = outputs.toFloatMatrix();
        for (int i = 0; i < items.length; i++) {
            codes[row[items[i]]] = u[i];
        }
    }

    /** The bank as an array (for checkpoints). */
    public INDArray toArray() {
        return Nd4j.create(codes);
    }

    /** Restores {@link #toArray()}. */
    public void restore(INDArray a, String source) {
        if (a == null || a.rows() != size || a.columns() != bits) {
            throw new HashingException(source + ": the bank must be " + size + " × " + bits);
        }
        codes = a.toFloatMatrix();
    }

    public boolean ready() {
        return codes != null;
    }
}
