package org.hashing4j.datasets.image;

import java.util.List;

/**
 * The image files of a retrieval split, for streaming through an {@link ImagePipelineConfig} into
 * a backbone ({@link ImageBatchIterator}).
 *
 * @param train      training images
 * @param query      query images
 * @param database   database images
 * @param numClasses label columns (e.g. 21 for NUS-WIDE-21)
 * @param classNames class names by index, or empty
 */
public record ImageSplit(ImageList train, ImageList query, ImageList database, int numClasses,
        List<String> classNames) {
    public ImageSplit {
        classNames = List.copyOf(classNames);
    }
}
