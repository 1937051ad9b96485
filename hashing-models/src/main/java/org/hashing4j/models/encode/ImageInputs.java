package org.hashing4j.models.encode;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashFunction;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.ImagePipeline;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.models.nets.features.DatasetFeatures;

/**
 * Turns query images into the feature rows a model expects, preprocessed as its training images
 * were: decoded, grey or RGB, pixels in [0,1], channels × height × width (the layout of the datasets'
 * image feature sets), brought to the model's input size as its {@link ModelProvenance.InputSpec}
 * says (whole images resized exactly for the small-image datasets; shorter side resized and the
 * centre cropped — the backbones' evaluation transform — for network-sized inputs), and normalised
 * by the spec's mean and standard deviation when the caller must apply them.
 *
 * <p>The one place that knows this: {@code hashing search --image} prepares its queries here and
 * {@link CollectionEncoder} its collections, so a collection and its queries are encoded alike.
 *
 * <p>Models of version 0.1 (and plain {@link HashFunction}s from library users) may carry no
 * input specification: then the shape comes from a provenance entry {@code image_shape}
 * ({@code [c, h, w]} or {@code [h, w]}) or from the input dimension when that is a square (grey
 * s×s) or three squares (RGB s×s), and inputs of at most {@value ModelProvenance.InputSpec#SMALL_IMAGE}
 * pixels are resized exactly, larger ones resized and cropped.
 */
public final class ImageInputs {
    private ImageInputs() {
    }

    /** {channels, height, width} for the model's input. */
    public static int[] inputShape(HashFunction model) {
        return spec(model).imageShape();
    }

    /** How images are prepared for {@code model}. */
    public static ModelProvenance.InputSpec spec(HashFunction model) {
        int d = model.inputDimension();
        if (model instanceof TrainedModel t && t.modelProvenance() != null && t.modelProvenance().input().isImage()) {
            ModelProvenance.InputSpec s = t.modelProvenance().input();
            return check(s.imageShape(), d, "input.image_shape", s);
        }
        Object recorded = model.provenance() == null ? null : model.provenance().get("image_shape");
        if (recorded != null) {
            int[] s = ints(recorded, "image_shape");
            return check(s.length == 2 ? new int[] {1, s[0], s[1]} : s, d, "image_shape", null);
        }
        int side = (int) Math.round(Math.sqrt(d));
        if (side * side == d) {
            return byShape(new int[] {1, side, side});
        }
        int rgb = (int) Math.round(Math.sqrt(d / 3.0));
        if (3 * rgb * rgb == d) {
            return byShape(new int[] {3, rgb, rgb});
        }
        throw new HashingException("the model takes " + d + " features per item and records no image shape, so it cannot"
                + " encode images (it was trained on features, not pixels; search with --queries codes instead)");
    }

    private static ModelProvenance.InputSpec check(int[] shape, int d, String key, ModelProvenance.InputSpec spec) {
        if (shape.length != 3 || (long) shape[0] * shape[1] * shape[2] != d || (shape[0] != 1 && shape[0] != 3)) {
            throw new HashingException("model provenance " + key + " " + Arrays.toString(shape) + " does not fit its input of "
                    + d + " values (expected [c, h, w] with c 1 or 3)");
        }
        return spec != null ? spec : byShape(shape);
    }

    /** The rule of models that record only a shape: small inputs whole, network-sized ones cropped. */
    private static ModelProvenance.InputSpec byShape(int[] shape) {
        return new ModelProvenance.InputSpec(shape, Math.max(shape[1], shape[2]) <= ModelProvenance.InputSpec.SMALL_IMAGE
                ? ModelProvenance.InputSpec.RESIZE_EXACT : ModelProvenance.InputSpec.RESIZE_SHORTER_SIDE_CENTRE_CROP,
                null, null, null);
    }

    /** The image pipeline (evaluation mode) that turns an image file into one of the model's input rows. */
    public static ImagePipelineConfig pipeline(HashFunction model) {
        ModelProvenance.InputSpec spec = spec(model);
        int[] shape = spec.imageShape();
        ImagePipelineConfig config = ModelProvenance.InputSpec.RESIZE_EXACT.equals(spec.resize())
                ? ImagePipelineConfig.plain(shape[0], shape[1], shape[2])
                : DatasetFeatures.pipelineFor(shape, false);
        if (spec.mean() != null && spec.std() != null) {
            config = config.withNormalisation(spec.mean(), spec.std());
        }
        return config;
    }

    /** Feature rows for the images, shaped for the model. */
    public static float[][] read(HashFunction model, List<Path> images) {
        ImagePipeline pipeline = new ImagePipeline(pipeline(model));
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
