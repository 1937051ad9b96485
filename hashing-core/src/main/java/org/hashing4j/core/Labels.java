package org.hashing4j.core;

import java.util.Arrays;

/**
 * Ground-truth labels of a set of items: either one class index per item (single-label) or a set of
 * classes per item (multi-label, stored as bit masks). Two items are relevant to each other when
 * they share a class.
 */
public final class Labels {
    private final int size;
    private final int numClasses;
    private final int[] classIndex; // single-label, else null
    private final long[] masks; // multi-label: size × maskWords
    private final int maskWords;

    private Labels(int size, int numClasses, int[] classIndex, long[] masks) {
        this.size = size;
        this.numClasses = numClasses;
        this.classIndex = classIndex;
        this.masks = masks;
        this.maskWords = (numClasses + 63) >>> 6;
    }

    /** Single-label ground truth: one class index (≥ 0) per item. */
    public static Labels singleLabel(int[] classIndex) {
        int max = -1;
        for (int i = 0; i < classIndex.length; i++) {
            if (classIndex[i] < 0) {
                throw new HashingException("label of item " + i + " is negative (" + classIndex[i] + ")");
            }
            max = Math.max(max, classIndex[i]);
        }
        return new Labels(classIndex.length, max + 1, classIndex.clone(), null);
    }

    /** Multi-label ground truth from an n × C 0/1 matrix. */
    public static Labels multiHot(int[][] multiHot) {
        int n = multiHot.length;
        int c = n == 0 ? 0 : multiHot[0].length;
        int words = (c + 63) >>> 6;
        long[] masks = new long[n * words];
        for (int i = 0; i < n; i++) {
            if (multiHot[i].length != c) {
                throw new HashingException("multi-hot label row " + i + " has " + multiHot[i].length
                        + " columns, expected " + c);
            }
            for (int j = 0; j < c; j++) {
                int v = multiHot[i][j];
                if (v == 1) {
                    masks[i * words + (j >>> 6)] |= 1L << (j & 63);
                } else if (v != 0) {
                    throw new HashingException("multi-hot label matrix has value " + v + " at row " + i
                            + ", column " + j + " (expected 0 or 1)");
                }
            }
        }
        return new Labels(n, c, null, masks);
    }

    public int size() {
        return size;
    }

    public int numClasses() {
        return numClasses;
    }

    public boolean isMultiLabel() {
        return classIndex == null;
    }

    /** The class of item {@code i} (single-label only). */
    public int classOf(int i) {
        if (classIndex == null) {
            throw new IllegalStateException("multi-label ground truth has no single class per item");
        }
        return classIndex[i];
    }

    /** A copy of the class indices (single-label only). */
    public int[] classIndices() {
        if (classIndex == null) {
            throw new IllegalStateException("multi-label ground truth has no single class per item");
        }
        return classIndex.clone();
    }

    /** Whether item {@code i} has class {@code c}. */
    public boolean has(int i, int c) {
        if (classIndex != null) {
            return classIndex[i] == c;
        }
        return c < numClasses && (masks[i * maskWords + (c >>> 6)] & (1L << (c & 63))) != 0;
    }

    /** The items as an n × C 0/1 matrix (works for both kinds), with at least {@code minClasses} columns. */
    public int[][] toMultiHot(int minClasses) {
        int c = Math.max(numClasses, minClasses);
        int[][] out = new int[size][c];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < numClasses; j++) {
                out[i][j] = has(i, j) ? 1 : 0;
            }
        }
        return out;
    }

    /** Whether item {@code i} of these labels and item {@code j} of {@code other} share a class. */
    public boolean relevant(int i, Labels other, int j) {
        if (classIndex != null && other.classIndex != null) {
            return classIndex[i] == other.classIndex[j];
        }
        if (classIndex != null || other.classIndex != null) {
            Labels single = classIndex != null ? this : other;
            int s = classIndex != null ? i : j;
            Labels multi = classIndex != null ? other : this;
            int m = classIndex != null ? j : i;
            return multi.has(m, single.classIndex[s]);
        }
        int w = Math.min(maskWords, other.maskWords);
        for (int k = 0; k < w; k++) {
            if ((masks[i * maskWords + k] & other.masks[j * other.maskWords + k]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The labels of the given items, in that order. */
    public Labels select(int[] rows) {
        if (classIndex != null) {
            int[] out = new int[rows.length];
            for (int r = 0; r < rows.length; r++) {
                out[r] = classIndex[rows[r]];
            }
            return new Labels(rows.length, numClasses, out, null);
        }
        long[] out = new long[rows.length * maskWords];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(masks, rows[r] * maskWords, out, r * maskWords, maskWords);
        }
        return new Labels(rows.length, numClasses, null, out);
    }

    /**
     * Writes these labels as a {@code .npy} file (atomically) in the form {@link #readNpy} reads:
     * single-label as an int32 vector of class indices, multi-label as an int32 n × C 0/1 matrix
     * (C = {@link #numClasses()}). The one label writer, so every stage writes labels alike.
     */
    public void writeNpy(java.nio.file.Path file) {
        if (isMultiLabel()) {
            Npy.writeInt32(file, toMultiHot(numClasses));
        } else {
            Npy.writeInt32(file, classIndex);
        }
    }

    /**
     * Reads labels from a {@code .npy} file: an int vector of class indices, or an n × C 0/1 matrix.
     */
    public static Labels readNpy(java.nio.file.Path file) {
        Npy.Array a = Npy.read(file);
        try {
            if (a.rank() == 1 || (a.rank() == 2 && a.shape()[1] == 1)) {
                return singleLabel(a.toIntVector());
            }
            if (a.rank() == 2) {
                return multiHot(a.toIntMatrix());
            }
        } catch (HashingException e) {
            throw new HashingException(file + ": " + e.getMessage(), e);
        }
        throw new HashingException(file + ": labels must be a vector of class indices or an n x C 0/1 matrix, got shape "
                + Arrays.toString(a.shape()));
    }
}
