package org.hashing4j.datasets.image;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;

/**
 * Image files with their labels: the streamed counterpart of a {@code FeatureSet}, for datasets
 * too large to hold as pixels in memory (e.g. 224×224 NUS-WIDE images).
 *
 * @param files  image files, in item order
 * @param labels one label set per file (single- or multi-label), or null
 * @param name   e.g. "nus-wide-21/train"
 */
public record ImageList(List<Path> files, Labels labels, String name) {
    public ImageList {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new HashingException("image list " + name + " is empty");
        }
        if (labels != null && labels.size() != files.size()) {
            throw new HashingException("image list " + name + ": " + labels.size() + " labels for " + files.size()
                    + " images");
        }
    }

    public int size() {
        return files.size();
    }

    /** The items at {@code rows}, in that order. */
    public ImageList select(int[] rows, String newName) {
        Path[] f = new Path[rows.length];
        for (int i = 0; i < rows.length; i++) {
            f[i] = files.get(rows[i]);
        }
        return new ImageList(List.of(f), labels == null ? null : labels.select(rows), newName);
    }
}
