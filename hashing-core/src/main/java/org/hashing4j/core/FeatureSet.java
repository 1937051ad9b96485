package org.hashing4j.core;

/**
 * A set of items as a method or an evaluation sees them: one feature row per item (pixels scaled to
 * [0,1], or backbone features), optional labels, and the image shape when the rows are flattened
 * images (so a CNN backbone can view them as channels × height × width). Used for training sets,
 * query sets and databases alike. Rows are shared, not copied: treat them as read-only.
 */
public final class FeatureSet {
    private final float[][] features;
    private final Labels labels;
    private final int[] imageShape;
    private final String name;

    /**
     * @param features   n × d rows, all the same length, finite
     * @param labels     ground truth or null for unlabelled data
     * @param imageShape {channels, height, width} with product d, or null when rows are not images
     * @param name       dataset name for provenance (e.g. "fashion-mnist/train")
     */
    public FeatureSet(float[][] features, Labels labels, int[] imageShape, String name) {
        if (features.length == 0) {
            throw new HashingException("feature set " + name + " is empty");
        }
        int d = features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new HashingException("feature set " + name + ": row " + i + " has " + features[i].length
                        + " features, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(features[i][j])) {
                    throw new HashingException("feature set " + name + ": non-finite value " + features[i][j]
                            + " at row " + i + ", column " + j);
                }
            }
        }
        if (labels != null && labels.size() != features.length) {
            throw new HashingException("feature set " + name + ": " + labels.size() + " labels for "
                    + features.length + " items");
        }
        if (imageShape != null && (imageShape.length != 3
                || (long) imageShape[0] * imageShape[1] * imageShape[2] != d)) {
            throw new HashingException("feature set " + name + ": image shape " + java.util.Arrays.toString(imageShape)
                    + " does not match " + d + " features");
        }
        this.features = features;
        this.labels = labels;
        this.imageShape = imageShape == null ? null : imageShape.clone();
        this.name = name;
    }

    public float[][] features() {
        return features;
    }

    public Labels labels() {
        return labels;
    }

    /** Labels, or a clear error for a supervised method given unlabelled data. */
    public Labels requireLabels(String method) {
        if (labels == null) {
            throw new HashingException(method + " is supervised but training set " + name + " has no labels");
        }
        return labels;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** {channels, height, width}, or null. */
    public int[] imageShape() {
        return imageShape == null ? null : imageShape.clone();
    }

    public int size() {
        return features.length;
    }

    public int dimension() {
        return features[0].length;
    }

    public String name() {
        return name;
    }

    /** The items at {@code rows}, in that order, named {@code newName}. */
    public FeatureSet select(int[] rows, String newName) {
        float[][] f = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            f[r] = features[rows[r]];
        }
        return new FeatureSet(f, labels == null ? null : labels.select(rows), imageShape, newName);
    }
}
