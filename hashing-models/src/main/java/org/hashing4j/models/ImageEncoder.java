package org.hashing4j.models;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.datasets.image.ImageList;

/**
 * A capability of a {@link TrainedModel}: it encodes image files streamed from disk, preprocessing
 * each image exactly as it did in training, with bounded memory however long the list is.
 */
public interface ImageEncoder extends TrainedModel {
    /** Codes of {@code images}, in their order, decoded and encoded {@code batchSize} at a time. */
    BinaryCodes encode(ImageList images, int batchSize);
}
