package org.hashing4j.datasets.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;

/**
 * Which classes a seen/unseen-class protocol holds out of training (the protocol of the 2024
 * deep-hashing benchmark DSH_Analysis, {@code shared/METHODS-DEEP.md} §4). Pure arithmetic on
 * labels:
 * <ul>
 *   <li>an item is <b>seen</b> if it carries at least one seen class, and <b>unseen</b> if all its
 *       classes are unseen (for single-label data: its one class is seen or unseen); a multi-label
 *       item with no label at all is neither;</li>
 *   <li>training labels keep the seen classes only, renumbered 0..S−1 in class order, so that a
 *       method never sees an empty class column (with DSH_Analysis's choice — the last z classes
 *       unseen — the numbering is unchanged).</li>
 * </ul>
 *
 * @param numClasses the number of classes of the dataset
 * @param unseen     the held-out class indices, ascending, at least one, fewer than {@code numClasses}
 */
public record ClassHoldout(int numClasses, int[] unseen) {
    /** Checks the classes and sorts them. */
    public ClassHoldout {
        if (unseen == null || unseen.length == 0) {
            throw new HashingException("the unseen-class protocol needs at least one unseen class");
        }
        unseen = unseen.clone();
        Arrays.sort(unseen);
        for (int i = 0; i < unseen.length; i++) {
            if (unseen[i] < 0 || unseen[i] >= numClasses) {
                throw new HashingException("unseen class " + unseen[i] + " is not a class of this dataset (classes 0.."
                        + (numClasses - 1) + ")");
            }
            if (i > 0 && unseen[i] == unseen[i - 1]) {
                throw new HashingException("unseen class " + unseen[i] + " is listed twice");
            }
        }
        if (unseen.length >= numClasses) {
            throw new HashingException("all " + numClasses + " classes are unseen: at least one class must stay seen"
                    + " for training");
        }
    }

    /** The given classes held out. */
    public static ClassHoldout of(int numClasses, List<Integer> unseen) {
        if (unseen == null || unseen.stream().anyMatch(java.util.Objects::isNull)) {
            throw new HashingException("unseen classes must be class indices, got " + unseen);
        }
        return new ClassHoldout(numClasses, unseen.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * round(fraction × numClasses) classes (at least 1, at most numClasses − 1) chosen uniformly at
     * random with {@code seed}: the same seed gives the same classes on every machine.
     */
    public static ClassHoldout random(int numClasses, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new HashingException("unseen fraction must be between 0 and 1 (exclusive), got " + fraction);
        }
        if (numClasses < 2) {
            throw new HashingException("the unseen-class protocol needs at least 2 classes, the dataset has "
                    + numClasses);
        }
        int count = (int) Math.max(1, Math.min(numClasses - 1, Math.round(fraction * numClasses)));
        int[] classes = new int[numClasses];
        Arrays.setAll(classes, i -> i);
        Random rnd = new Random(seed);
        // Partial Fisher–Yates: the first `count` entries are a uniform random subset.
        for (int j = 0; j < count; j++) {
            int r = j + rnd.nextInt(numClasses - j);
            int t = classes[j];
            classes[j] = classes[r];
            classes[r] = t;
        }
        return new ClassHoldout(numClasses, Arrays.copyOf(classes, count));
    }

    /** A copy of the unseen classes, ascending. */
    @Override
    public int[] unseen() {
        return unseen.clone();
    }

    /** The seen classes, ascending. */
    public int[] seen() {
        int[] out = new int[numClasses - unseen.length];
        for (int c = 0, k = 0; c < numClasses; c++) {
            if (!isUnseenClass(c)) {
                out[k++] = c;
            }
        }
        return out;
    }

    /** Whether class {@code c} is held out. */
    public boolean isUnseenClass(int c) {
        return Arrays.binarySearch(unseen, c) >= 0;
    }

    /** Rows of {@code labels} that carry at least one seen class, ascending. */
    public int[] seenItems(Labels labels) {
        return items(labels, true);
    }

    /** Rows of {@code labels} all of whose classes are unseen (and that have a class), ascending. */
    public int[] unseenItems(Labels labels) {
        return items(labels, false);
    }

    private int[] items(Labels labels, boolean seen) {
        List<Integer> out = new ArrayList<>();
        int classes = labels.numClasses();
        for (int i = 0; i < labels.size(); i++) {
            boolean anySeen = false;
            boolean anyLabel = false;
            if (labels.isMultiLabel()) {
                for (int c = 0; c < classes; c++) {
                    if (labels.has(i, c)) {
                        anyLabel = true;
                        anySeen |= !isUnseenClass(c);
                    }
                }
            } else {
                anyLabel = true;
                anySeen = !isUnseenClass(labels.classOf(i));
            }
            if (anyLabel && anySeen == seen) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The labels of {@code rows} (seen items) restricted to the seen classes and renumbered
     * 0..S−1 in class order: what a method trains on.
     */
    public Labels trainingLabels(Labels labels, int[] rows) {
        int[] newIndex = new int[Math.max(numClasses, labels.numClasses())];
        Arrays.fill(newIndex, -1);
        int s = 0;
        for (int c : seen()) {
            newIndex[c] = s++;
        }
        if (!labels.isMultiLabel()) {
            int[] out = new int[rows.length];
            for (int r = 0; r < rows.length; r++) {
                out[r] = newIndex[labels.classOf(rows[r])];
                if (out[r] < 0) {
                    throw new IllegalArgumentException("row " + rows[r] + " is of unseen class " + labels.classOf(rows[r]));
                }
            }
            return Labels.singleLabel(out);
        }
        int[][] hot = new int[rows.length][s];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < labels.numClasses(); c++) {
                if (newIndex[c] >= 0 && labels.has(rows[r], c)) {
                    hot[r][newIndex[c]] = 1;
                }
            }
        }
        return Labels.multiHot(hot);
    }

    /** E.g. "classes [8, 9] of 10 unseen". */
    public String describe() {
        return "classes " + Arrays.toString(unseen) + " of " + numClasses + " unseen";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassHoldout h && h.numClasses == numClasses && Arrays.equals(h.unseen, unseen);
    }

    @Override
    public int hashCode() {
        return 31 * numClasses + Arrays.hashCode(unseen);
    }

    @Override
    public String toString() {
        return "ClassHoldout[" + describe() + "]";
    }
}
