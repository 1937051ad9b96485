package org.hashing4j.datasets.image;

import java.util.Random;
import java.util.stream.IntStream;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;

/**
 * Loads a (small) list of images into memory as a {@link FeatureSet}, decoding in parallel with
 * the pipeline in test mode (no augmentation). Refuses when the pixels would not fit the given
 * budget: large image datasets must be streamed with {@link ImageBatchIterator}.
 */
public final class ImageSets {
    /** Default budget for in-memory pixels: 2 GiB of floats. */
    public static final long DEFAULT_MAX_BYTES = 2L << 30;

    private ImageSets() {
    }

    /** All images of {@code list} as rows of {@code c·h·w} floats with image shape set. */
    public static FeatureSet load(ImageList list, ImagePipelineConfig config, long maxBytes) {
        ImagePipeline pipeline = new ImagePipeline(config);
        int[] shape = config.fixedOutputShape();
        if (shape == null) {
            try (DecodedImage first = DecodedImage.read(list.files().get(0))) {
                shape = pipeline.outputShape(first.width(), first.height());
            }
        }
        int per = shape[0] * shape[1] * shape[2];
        long bytes = (long) per * 4 * list.size();
        if (bytes > maxBytes) {
            throw new HashingException(list.name() + ": " + list.size() + " images of " + shape[0] + "x" + shape[1] + "x"
                    + shape[2] + " need " + bytes / (1 << 20) + " MiB as floats, more than the " + maxBytes / (1 << 20)
                    + " MiB allowed in memory; stream them (ImageBatchIterator) or extract features first");
        }
        float[][] rows = new float[list.size()][];
        final int[] s = shape;
        IntStream.range(0, list.size()).parallel().forEach(i -> {
            float[] r = pipeline.apply(list.files().get(i), false, new Random(0));
            if (r.length != per) {
                throw new HashingException(list.files().get(i) + ": image gives " + r.length + " values, expected " + per
                        + " (" + s[0] + "x" + s[1] + "x" + s[2] + "); images of different sizes need a resize");
            }
            rows[i] = r;
        });
        return new FeatureSet(rows, list.labels(), shape, list.name());
    }
}
