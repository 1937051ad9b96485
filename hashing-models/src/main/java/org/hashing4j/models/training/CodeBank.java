package org.hashing4j.models.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.layers.HashOps;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset-level bank (METHODS-DEEP.md §0): the latest K-dimensional output of every training item,
 * detached, zeros at the start. Losses pair the batch with the whole bank, the batch's rows replaced
 * by the current outputs before the loss ({@link #effective}); after the step the batch's rows take
 * the outputs of the forward pass ({@link #update}). For labelled data the bank also gives the batch
 * × bank label similarity s_ij ({@link #similarity}), which every pairwise bank loss (DPSH, DFH)
 * needs.
 *
 * <p>The graph sees the bank as the batch's current outputs followed by the other items' stored rows
 * ({@link #REST}, fed per batch), and the similarity as the labels of the batch against the labels
 * of the batch and of those other items (computed in the graph). The pairwise losses sum over all
 * pairs, so the column order does not change their value; what this order avoids is a batch × bank
 * selection matrix and a batch × bank similarity built in Java for every step (2 × 30 MB at 60,000
 * items and batch 128), which took half of DPSH's step time.
 */
public final class CodeBank {
    /** Placeholder of the stored rows of the items not in the batch. */
    public static final String REST = "bank_rest";
    /** Placeholder of the labels of the items not in the batch. */
    public static final String REST_LABELS = "bank_rest_labels";
    /** Name of the bank in checkpoints (the state). */
    public static final String BANK = "bank";

    private final int bits;
    private int[] row;
    private int size;
    private int classes;
    /** Labels of the bank's rows, row-major size × classes (null for unlabelled data). */
    private float[] labels;
    /** The bank, row-major size × bits. */
    private float[] codes;

    public CodeBank(int bits) {
        this.bits = bits;
    }

    /** Sizes the bank for {@code trainItems} of {@code data}, and keeps its labels (if any) for the similarity. */
    public void bind(FeatureSet data, int[] trainItems) {
        row = new int[data.size()];
        Arrays.fill(row, -1);
        for (int r = 0; r < trainItems.length; r++) {
            row[trainItems[r]] = r;
        }
        size = trainItems.length;
        Labels l = data.labels();
        if (l == null) {
            labels = null;
            return;
        }
        classes = l.numClasses();
        labels = new float[size * classes];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < classes; c++) {
                if (l.has(trainItems[r], c)) {
                    labels[r * classes + c] = 1f;
                }
            }
        }
    }

    /** Zeros, as at the start of training. */
    public void reset() {
        codes = new float[size * bits];
    }

    /** The graph side: the batch's outputs {@code u} (detached) followed by the other items' rows. */
    public static SDVariable effective(DeepObjective.HeadBuilder g, SDVariable u, int bits) {
        SameDiff sd = g.sd();
        SDVariable rest = g.placeholder(REST, -1, bits);
        return sd.concat(0, HashOps.stopGradient(sd, u), rest);
    }

    /**
     * The graph side of the label similarity between the batch and the bank's rows in {@link
     * #effective}'s order (labelled data only): 1 where two items share a label, else 0.
     */
    public static SDVariable similarity(DeepObjective.HeadBuilder g) {
        SameDiff sd = g.sd();
        SDVariable y = g.labels();
        SDVariable restLabels = g.placeholder(REST_LABELS, -1, g.numClasses());
        return HashOps.labelSimilarity(sd, y, sd.concat(0, y, restLabels));
    }

    /** The feeds for a batch of data rows {@code batch}: the other items' rows, and their labels for labelled data. */
    public Map<String, INDArray> feed(int[] batch) {
        boolean[] inBatch = new boolean[size];
        for (int item : batch) {
            inBatch[row[item]] = true;
        }
        int rest = size - batch.length;
        float[] b = new float[rest * bits];
        float[] y = labels == null ? null : new float[rest * classes];
        // copy runs of consecutive rows outside the batch at once
        int out = 0;
        int r = 0;
        while (r < size) {
            if (inBatch[r]) {
                r++;
                continue;
            }
            int end = r;
            while (end < size && !inBatch[end]) {
                end++;
            }
            System.arraycopy(codes, r * bits, b, out * bits, (end - r) * bits);
            if (y != null) {
                System.arraycopy(labels, r * classes, y, out * classes, (end - r) * classes);
            }
            out += end - r;
            r = end;
        }
        Map<String, INDArray> f = new LinkedHashMap<>();
        f.put(REST, Nd4j.create(b, new long[] {rest, bits}, 'c'));
        if (y != null) {
            f.put(REST_LABELS, Nd4j.create(y, new long[] {rest, classes}, 'c'));
        }
        return f;
    }

    /** Stores the batch's outputs. */
    public void update(int[] items, INDArray outputs) {
        float[][] u = outputs.toFloatMatrix();
        for (int i = 0; i < items.length; i++) {
            System.arraycopy(u[i], 0, codes, row[items[i]] * bits, bits);
        }
    }

    /** The bank as an array (for checkpoints). */
    public INDArray toArray() {
        return Nd4j.create(codes, new long[] {size, bits}, 'c');
    }

    /** Restores {@link #toArray()}. */
    public void restore(INDArray a, String source) {
        if (a == null || a.rows() != size || a.columns() != bits) {
            throw new HashingException(source + ": the bank must be " + size + " × " + bits);
        }
        codes = a.dup('c').data().asFloat();
    }

    public boolean ready() {
        return codes != null;
    }
}
