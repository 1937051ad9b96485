package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashFunction;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.ImagePipeline;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.models.nets.features.DatasetFeatures;

/**
 * Turns query images into the feature rows a model expects: decoded, grey or RGB, pixels in [0,1],
 * channels × height × width (the layout of the datasets' image feature sets). Inputs of at most 64×64
 * pixels are resized exactly (bilinear), as the small-image datasets feed whole images; larger,
 * network-sized inputs get the backbones' evaluation transform ({@link DatasetFeatures#pipelineFor}:
 * shorter side resized, centre crop), which is also how the pipeline encodes image files.
 *
 * <p>The shape comes from the model's provenance: {@code image_shape} ({@code [c, h, w]} or
 * {@code [h, w]}); without it, from the input dimension when that is a square (grey s×s) or three
 * squares (RGB s×s). Optional provenance {@code image_mean} and {@code image_std} (one value per
 * channel) are applied as {@code (x − mean) / std}.
 */
final class ImageQueries {
    /** Inputs up to this many pixels high and wide are resized exactly, larger ones resized and cropped. */
    static final int SMALL_INPUT = 64;

    private ImageQueries() {
    }

    /** {channels, height, width} for the model's input. */
    static int[] inputShape(HashFunction model) {
        int d = model.inputDimension();
        Object recorded = model.provenance() == null ? null : model.provenance().get("image_shape");
        if (recorded != null) {
            int[] s = ints(recorded, "image_shape");
            int[] shape = s.length == 2 ? new int[] {1, s[0], s[1]} : s;
            if (shape.length != 3 || (long) shape[0] * shape[1] * shape[2] != d || (shape[0] != 1 && shape[0] != 3)) {
                throw new HashingException("model provenance image_shape " + Arrays.toString(s) + " does not fit its input of "
                        + d + " values (expected [c, h, w] with c 1 or 3)");
            }
            return shape;
        }
        int side = (int) Math.round(Math.sqrt(d));
        if (side * side == d) {
            return new int[] {1, side, side};
        }
        int rgb = (int) Math.round(Math.sqrt(d / 3.0));
        if (3 * rgb * rgb == d) {
            return new int[] {3, rgb, rgb};
        }
        throw new HashingException("the model takes " + d + " features per item and records no image_shape, so it cannot"
                + " encode images (it was trained on features, not pixels; search with --queries codes instead)");
    }

    /** Feature rows for the images, shaped for the model. */
    static float[][] read(HashFunction model, List<Path> images) {
        int[] shape = inputShape(model);
        // Small inputs (MNIST-like, CIFAR-like pixels) were trained on whole images: resize exactly.
        // Network-sized inputs get the evaluation transform the backbones use for image files
        // (shorter side to 256/224 of the input, centre crop).
        ImagePipelineConfig config = Math.max(shape[1], shape[2]) <= SMALL_INPUT
                ? ImagePipelineConfig.plain(shape[0], shape[1], shape[2])
                : DatasetFeatures.pipelineFor(shape, false);
        Map<String, Object> prov = model.provenance();
        if (prov != null && prov.get("image_mean") != null) {
            float[] mean = floats(prov.get("image_mean"), "image_mean");
            float[] std = floats(prov.get("image_std"), "image_std");
            config = config.withNormalisation(mean, std);
        }
        ImagePipeline pipeline = new ImagePipeline(config);
        float[][] rows = new float[images.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = pipeline.apply(images.get(i), false, null);
        }
        return rows;
    }

    private static int[] ints(Object value, String key) {
        float[] f = floats(value, key);
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Math.round(f[i]);
        }
        return out;
    }

    private static float[] floats(Object value, String key) {
        if (value instanceof int[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = a[i];
            }
            return f;
        }
        if (value instanceof float[] a) {
            return a.clone();
        }
        if (value instanceof double[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = (float) a[i];
            }
            return f;
        }
        if (value instanceof List<?> list) {
            float[] f = new float[list.size()];
            for (int i = 0; i < f.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw new HashingException("model provenance " + key + " must be a list of numbers, got " + value);
                }
                f[i] = n.floatValue();
            }
            return f;
        }
        if (value instanceof com.fasterxml.jackson.databind.JsonNode node && node.isArray()) {
            float[] f = new float[node.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) node.get(i).asDouble();
            }
            return f;
        }
        throw new HashingException("model provenance " + key + " must be a list of numbers, got " + value);
    }
}
