package org.hashing4j.models.layers;

import org.hashing4j.core.Labels;

/**
 * Pairwise label similarity computed in Java for losses whose pairs reach beyond the batch (a bank
 * of the whole training set) or that need per-anchor counts: s_ij = 1 when items i and j share a
 * label (same class for single-label data), else 0 (METHODS-DEEP.md §0).
 */
public final class LabelPairs {
    private LabelPairs() {
    }

    /** Whether rows {@code a} and {@code b} of {@code labels} share a label. */
    public static boolean similar(Labels labels, int a, int b) {
        if (!labels.isMultiLabel()) {
            return labels.classOf(a) == labels.classOf(b);
        }
        for (int c = 0; c < labels.numClasses(); c++) {
            if (labels.has(a, c) && labels.has(b, c)) {
                return true;
            }
        }
        return false;
    }

    /** s within a batch from its label rows (one-hot or 0/1): 1 where ⟨y_i, y_j⟩ &gt; 0. */
    public static float[][] similarity(float[][] y) {
        int n = y.length;
        float[][] s = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = 0;
                for (int c = 0; c < y[i].length; c++) {
                    d += y[i][c] * y[j][c];
                }
                s[i][j] = d > 0 ? 1f : 0f;
            }
        }
        return s;
    }
}
