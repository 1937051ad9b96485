package org.hashing4j.models;

import org.hashing4j.datasets.image.ImageSplit;

/**
 * A capability of a {@link HashingMethod}: it trains on image files streamed from disk (list files,
 * large image folders) instead of features held in memory. Experiment runners and commands ask for
 * this interface rather than for a concrete method, so a new method that reads images only has to
 * implement it.
 */
public interface ImageStreamMethod extends HashingMethod {
    /**
     * Trains on the training images of {@code images}, decoding them batch by batch.
     *
     * @return a model that also implements {@link ImageEncoder}
     */
    ImageEncoder fit(ImageSplit images, MethodConfig config, TrainingContext context);
}
