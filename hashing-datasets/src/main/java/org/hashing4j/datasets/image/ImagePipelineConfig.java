package org.hashing4j.datasets.image;

import java.util.Arrays;
import org.hashing4j.core.HashingException;

/**
 * How an image file becomes a network input: decode, resize, crop (random when training, centred
 * otherwise), horizontal flip when training, pixels to [0,1], optional per-channel normalisation
 * {@code (x − mean) / std}. Output is {@code channels × outputHeight × outputWidth} floats, C-order.
 *
 * @param channels     1 (grey) or 3 (RGB); colour images are converted to grey by luminance, grey
 *                     images are replicated to three channels
 * @param resize       how to resize before cropping
 * @param resizeHeight target height (or shorter side for {@link Resize#SHORTER_SIDE}); 0 with NONE
 * @param resizeWidth  target width for {@link Resize#EXACT}
 * @param cropHeight   crop height, 0 for no crop
 * @param cropWidth    crop width, 0 for no crop
 * @param randomCrop   random crop when training (centre crop otherwise and at test): a crop of the
 *                     crop size at a random position of the resized image, or, with
 *                     {@code minCropArea} &gt; 0, a random resized crop
 * @param minCropArea  0 for the fixed-size random crop; in (0, 1]: the random resized crop of
 *                     torchvision's {@code RandomResizedCrop} (the usual ImageNet training
 *                     augmentation): a region of the decoded image covering a fraction in
 *                     [minCropArea, 1] of its area, with aspect ratio log-uniform in [3/4, 4/3], scaled
 *                     to the crop size (0.08 is torchvision's default)
 * @param flip         random horizontal flip (probability 1/2) when training
 * @param mean         per-channel mean to subtract (values for [0,1] pixels), or null
 * @param std          per-channel standard deviation to divide by, or null
 */
public record ImagePipelineConfig(int channels, Resize resize, int resizeHeight, int resizeWidth, int cropHeight,
        int cropWidth, boolean randomCrop, double minCropArea, boolean flip, float[] mean, float[] std) {

    /** ImageNet channel means (RGB, pixels in [0,1]), as used by torchvision's pretrained models. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet channel standard deviations (RGB). */
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /** Resizing before the crop. */
    public enum Resize {
        /** Keep the decoded size (all images must then be at least the crop size, or equal). */
        NONE,
        /** Resize to exactly resizeHeight × resizeWidth (aspect ratio not kept). */
        EXACT,
        /** Resize so that the shorter side is resizeHeight, keeping the aspect ratio. */
        SHORTER_SIDE
    }

    public ImagePipelineConfig {
        if (channels != 1 && channels != 3) {
            throw new HashingException("image channels must be 1 or 3, got " + channels);
        }
        if (resize != Resize.NONE && (resizeHeight <= 0 || (resize == Resize.EXACT && resizeWidth <= 0))) {
            throw new HashingException("resize " + resize + " needs a positive size, got " + resizeHeight + "x"
                    + resizeWidth);
        }
        if (cropHeight < 0 || cropWidth < 0 || (cropHeight == 0) != (cropWidth == 0)) {
            throw new HashingException("crop size must be both positive or both 0, got " + cropHeight + "x" + cropWidth);
        }
        if (resize == Resize.EXACT && cropHeight > 0 && (cropHeight > resizeHeight || cropWidth > resizeWidth)) {
            throw new HashingException("crop " + cropHeight + "x" + cropWidth + " is larger than the resized image "
                    + resizeHeight + "x" + resizeWidth);
        }
        if (!(minCropArea >= 0 && minCropArea <= 1)) {
            throw new HashingException("the smallest crop area must be a fraction in [0, 1] (0: fixed-size crops), got "
                    + minCropArea);
        }
        if (minCropArea > 0 && cropHeight == 0) {
            throw new HashingException("a random resized crop needs a crop size");
        }
        if ((mean == null) != (std == null)) {
            throw new HashingException("normalisation needs both mean and std");
        }
        if (mean != null) {
            if (mean.length != channels || std.length != channels) {
                throw new HashingException("normalisation needs " + channels + " means and stds, got " + mean.length
                        + " and " + std.length);
            }
            for (float s : std) {
                if (!(s > 0)) {
                    throw new HashingException("normalisation std must be positive, got " + Arrays.toString(std));
                }
            }
            mean = mean.clone();
            std = std.clone();
        }
    }

    /** A pipeline with fixed-size random crops ({@code minCropArea} 0). */
    public ImagePipelineConfig(int channels, Resize resize, int resizeHeight, int resizeWidth, int cropHeight,
            int cropWidth, boolean randomCrop, boolean flip, float[] mean, float[] std) {
        this(channels, resize, resizeHeight, resizeWidth, cropHeight, cropWidth, randomCrop, 0, flip, mean, std);
    }

    /**
     * The usual ImageNet-backbone input: shorter side resized to {@code resize}, {@code crop}×{@code crop}
     * crop (random + flip when training), RGB, ImageNet mean/std (e.g. 256 and 224).
     */
    public static ImagePipelineConfig imagenet(int resize, int crop) {
        return new ImagePipelineConfig(3, Resize.SHORTER_SIDE, resize, 0, crop, crop, true, true, IMAGENET_MEAN,
                IMAGENET_STD);
    }

    /** Resize to height × width, no crop, no augmentation, pixels in [0,1] (for in-memory feature sets). */
    public static ImagePipelineConfig plain(int channels, int height, int width) {
        return new ImagePipelineConfig(channels, Resize.EXACT, height, width, 0, 0, false, false, null, null);
    }

    /** Keep the decoded size, no augmentation, pixels in [0,1] (images of one fixed size, e.g. CIFAR PNGs). */
    public static ImagePipelineConfig asIs(int channels) {
        return new ImagePipelineConfig(channels, Resize.NONE, 0, 0, 0, 0, false, false, null, null);
    }

    /** This configuration with normalisation by the given per-channel mean and std (null, null: none). */
    public ImagePipelineConfig withNormalisation(float[] newMean, float[] newStd) {
        return new ImagePipelineConfig(channels, resize, resizeHeight, resizeWidth, cropHeight, cropWidth, randomCrop,
                minCropArea, flip, newMean, newStd);
    }

    /** This configuration with training augmentation switched on or off. */
    public ImagePipelineConfig withAugmentation(boolean newRandomCrop, boolean newFlip) {
        return new ImagePipelineConfig(channels, resize, resizeHeight, resizeWidth, cropHeight, cropWidth, newRandomCrop,
                newRandomCrop ? minCropArea : 0, newFlip, mean, std);
    }

    /** This configuration with random resized crops of at least {@code area} of the image (0: fixed-size crops). */
    public ImagePipelineConfig withMinCropArea(double area) {
        return new ImagePipelineConfig(channels, resize, resizeHeight, resizeWidth, cropHeight, cropWidth, randomCrop,
                area, flip, mean, std);
    }

    /**
     * The output shape {c, h, w} when it is known without decoding (crop set, or exact resize), else
     * null (it then follows the first image).
     */
    public int[] fixedOutputShape() {
        if (cropHeight > 0) {
            return new int[] {channels, cropHeight, cropWidth};
        }
        if (resize == Resize.EXACT) {
            return new int[] {channels, resizeHeight, resizeWidth};
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePipelineConfig c && c.channels == channels && c.resize == resize
                && c.resizeHeight == resizeHeight && c.resizeWidth == resizeWidth && c.cropHeight == cropHeight
                && c.cropWidth == cropWidth && c.randomCrop == randomCrop && c.minCropArea == minCropArea && c.flip == flip
                && Arrays.equals(c.mean, mean) && Arrays.equals(c.std, std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {channels, resize, resizeHeight, resizeWidth, cropHeight, cropWidth,
            randomCrop, minCropArea, flip, Arrays.hashCode(mean), Arrays.hashCode(std)});
    }

    @Override
    public String toString() {
        return "ImagePipelineConfig[channels=" + channels + ", resize=" + resize + " " + resizeHeight + "x" + resizeWidth
                + ", crop=" + cropHeight + "x" + cropWidth + ", randomCrop=" + randomCrop
                + (minCropArea > 0 ? ", minCropArea=" + minCropArea : "") + ", flip=" + flip
                + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
