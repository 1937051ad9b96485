package org.hashing4j.models.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset-level bank (METHODS-DEEP.md §0): the latest K-dimensional output of every training item,
 * detached, zeros at the start. Losses pair the batch with the whole bank, the batch's rows replaced
 * by the current outputs before the loss ({@link #effective}); after the step the batch's rows take
 * the outputs of the forward pass ({@link #update}). Rows follow the training items' order.
 */
public final class CodeBank {
    /** Placeholder of the bank with the batch's rows zeroed. */
    public static final String BANK = "bank";
    /** Placeholder of the batch × bank one-hot selection. */
    public static final String SELECT = "bank_select";

    private final int bits;
    private int[] row;
    private int size;
    private float[][] codes;

    public CodeBank(int bits) {
        this.bits = bits;
    }

    /** Sizes the bank for {@code trainItems} of a data set of {@code dataSize} rows. */
    public void bind(int dataSize, int[] trainItems) {
        row = new int[dataSize];
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

    /** The feeds for a batch of data rows {@code items}. */
    public Map<String, INDArray> feed(int[] items) {
        int n = items.length;
        float[] b = new float[size * bits];
        for (int r = 0; r < size; r++) {
            System.arraycopy(codes[r], 0, b, r * bits, bits);
        }
        float[] sel = new float[n * size];
        for (int i = 0; i < n; i++) {
            int r = row[items[i]];
            Arrays.fill(b, r * bits, (r + 1) * bits, 0f);
            sel[i * size + r] = 1f;
        }
        Map<String, INDArray> f = new LinkedHashMap<>();
        f.put(BANK, Nd4j.create(b, new long[] {size, bits}, 'c'));
        f.put(SELECT, Nd4j.create(sel, new long[] {n, size}, 'c'));
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
