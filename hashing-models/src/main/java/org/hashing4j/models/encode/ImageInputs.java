package org.hashing4j.models.encode;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.HashFunction;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.DecodedImage;
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
 * <p>The one place that knows this: {@code hashing search --image}, the server's image search and
 * {@link CollectionEncoder}'s collections all prepare images here, so a collection and its queries
 * are encoded alike. Models of version 0.1 (and plain {@link HashFunction}s from library users) may
 * carry no input specification: {@link ModelProvenance.InputSpec#forModel} then derives one.
 */
public final class ImageInputs {
    private ImageInputs() {
    }

    /** {channels, height, width} for the model's input. */
    public static int[] inputShape(HashFunction model) {
        return spec(model).imageShape();
    }

    /** How images are prepared for {@code model} (see {@link ModelProvenance.InputSpec#forModel}). */
    public static ModelProvenance.InputSpec spec(HashFunction model) {
        ModelProvenance.InputSpec s = ModelProvenance.InputSpec.forModel(model);
        if (s == null) {
            throw new HashingException("the model takes " + model.inputDimension() + " features per item and records no"
                    + " image shape, so it cannot encode images (it was trained on features, not pixels; search with"
                    + " --queries codes instead)");
        }
        return s;
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

    /**
     * The feature row of one decoded image (an upload, say), shaped for the model exactly as {@link
     * #read} shapes files; the image is not closed. For many images, {@link #preparer} builds the
     * pipeline once.
     *
     * @param name how to name the image in errors
     */
    public static float[] row(HashFunction model, DecodedImage image, String name) {
        return preparer(model).row(image, name);
    }

    /** Feature rows for the images, shaped for the model. */
    public static float[][] read(HashFunction model, List<Path> images) {
        Preparer p = preparer(model);
        float[][] rows = new float[images.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = p.row(images.get(i));
        }
        return rows;
    }

    /** A {@link Preparer} for {@code model}, to prepare many images with one pipeline. */
    public static Preparer preparer(HashFunction model) {
        return new Preparer(new ImagePipeline(pipeline(model)), model.inputDimension());
    }

    /**
     * Prepares images for one model: its pipeline, built once, and a check that every row has the
     * length the model takes (a pipeline and a model that disagree fail on the first image, naming
     * it, not inside the network). Not thread-safe.
     */
    public static final class Preparer {
        private final ImagePipeline pipeline;
        private final int inputDimension;

        private Preparer(ImagePipeline pipeline, int inputDimension) {
            this.pipeline = pipeline;
            this.inputDimension = inputDimension;
        }

        /** The row of a decoded image, which is not closed; {@code name} names it in errors. */
        public float[] row(DecodedImage image, String name) {
            return checked(pipeline.apply(image, name, false, null), name);
        }

        /** The row of an image file. */
        public float[] row(Path file) {
            return checked(pipeline.apply(file, false, null), file.toString());
        }

        private float[] checked(float[] r, String name) {
            if (r.length != inputDimension) {
                throw new HashingException(name + ": image gives " + r.length + " values, but the model takes "
                        + inputDimension);
            }
            return r;
        }
    }
}
