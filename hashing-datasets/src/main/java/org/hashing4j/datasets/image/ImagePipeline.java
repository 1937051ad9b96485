package org.hashing4j.datasets.image;

import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.hashing4j.core.HashingException;

/**
 * Turns image files into float arrays following an {@link ImagePipelineConfig}. Decoding and
 * resizing use OpenCV ({@link DecodedImage}); resizing is bilinear, and area-averaging when an image
 * shrinks by 2× or more, so that (like PIL's antialiased filter in torchvision's {@code Resize}) a
 * large photograph scaled down does not alias. Stateless apart from its configuration, so one
 * pipeline may serve several decoding threads; the random source for augmentation is passed per
 * call.
 */
public final class ImagePipeline {
    private final ImagePipelineConfig config;

    public ImagePipeline(ImagePipelineConfig config) {
        this.config = config;
    }

    public ImagePipelineConfig config() {
        return config;
    }

    /** Decodes and transforms one image file; see {@link #apply(DecodedImage, String, boolean, Random)}. */
    public float[] apply(Path file, boolean training, Random rnd) {
        try (DecodedImage img = DecodedImage.read(file)) {
            return apply(img, file.toString(), training, rnd);
        }
    }

    /**
     * Transforms a decoded image: resize, crop, flip, [0,1], normalisation. The image is not closed.
     *
     * @param name     for error messages
     * @param training whether to use the random crop and flip
     * @param rnd      random source for augmentation (unused when not training)
     */
    public float[] apply(DecodedImage img, String name, boolean training, Random rnd) {
        Mat source = img.mat();
        Mat resized = training && config.randomCrop() && config.minCropArea() > 0
                ? randomResizedCrop(source, rnd) : resize(source);
        byte[] px;
        int w;
        int h;
        int cin;
        try {
            px = DecodedImage.bytesOf(resized);
            w = resized.cols();
            h = resized.rows();
            cin = resized.channels();
        } finally {
            if (resized != source) {
                resized.close();
            }
        }
        int cw = config.cropWidth() > 0 ? config.cropWidth() : w;
        int ch = config.cropHeight() > 0 ? config.cropHeight() : h;
        if (cw > w || ch > h) {
            throw new HashingException(name + ": image of " + w + "x" + h + " (after resizing) is smaller than the crop "
                    + cw + "x" + ch);
        }
        int x0;
        int y0;
        if (training && config.randomCrop() && config.minCropArea() == 0) {
            x0 = rnd.nextInt(w - cw + 1);
            y0 = rnd.nextInt(h - ch + 1);
        } else {
            x0 = (w - cw) / 2;
            y0 = (h - ch) / 2;
        }
        boolean flip = training && config.flip() && rnd.nextBoolean();
        int c = config.channels();
        int plane = cw * ch;
        float[] out = new float[c * plane];
        for (int y = 0; y < ch; y++) {
            int row = ((y0 + y) * w + x0) * cin;
            for (int x = 0; x < cw; x++) {
                int at = row + (flip ? cw - 1 - x : x) * cin;
                int r;
                int g;
                int b;
                if (cin == 1) {
                    r = px[at] & 0xFF;
                    g = r;
                    b = r;
                } else { // OpenCV's B, G, R order
                    b = px[at] & 0xFF;
                    g = px[at + 1] & 0xFF;
                    r = px[at + 2] & 0xFF;
                }
                int o = y * cw + x;
                if (c == 3) {
                    out[o] = r / 255f;
                    out[plane + o] = g / 255f;
                    out[2 * plane + o] = b / 255f;
                } else {
                    // grey pixels exactly v/255 (as the IDX readers give), luminance only for colour
                    out[o] = r == g && g == b ? r / 255f : (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
                }
            }
        }
        if (config.mean() != null) {
            float[] mean = config.mean();
            float[] std = config.std();
            for (int k = 0; k < c; k++) {
                float m = mean[k];
                float sd = std[k];
                for (int o = k * plane, end = o + plane; o < end; o++) {
                    out[o] = (out[o] - m) / sd;
                }
            }
        }
        return out;
    }

    /** The output shape {c, h, w} for an image of this decoded size. */
    public int[] outputShape(int width, int height) {
        int[] fixed = config.fixedOutputShape();
        if (fixed != null) {
            return fixed;
        }
        if (config.resize() == ImagePipelineConfig.Resize.SHORTER_SIDE) {
            int[] wh = shorterSide(width, height, config.resizeHeight());
            return new int[] {config.channels(), wh[1], wh[0]};
        }
        return new int[] {config.channels(), height, width};
    }

    /**
     * torchvision's {@code RandomResizedCrop} on the decoded image: up to ten draws of a region with
     * area fraction uniform in [minCropArea, 1] and aspect ratio log-uniform in [3/4, 4/3] at a random
     * position; if none fits, the largest centred region with an aspect ratio in that range. The region
     * is scaled to the crop size (the resize step does not apply: the region is the image). Returns a
     * new image.
     */
    private Mat randomResizedCrop(Mat img, Random rnd) {
        int w = img.cols();
        int h = img.rows();
        double area = (double) w * h;
        double logLo = Math.log(3.0 / 4.0);
        double logHi = Math.log(4.0 / 3.0);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (config.minCropArea() + rnd.nextDouble() * (1 - config.minCropArea()));
            double ratio = Math.exp(logLo + rnd.nextDouble() * (logHi - logLo));
            int cw = (int) Math.round(Math.sqrt(target * ratio));
            int ch = (int) Math.round(Math.sqrt(target / ratio));
            if (cw >= 1 && ch >= 1 && cw <= w && ch <= h) {
                int x0 = rnd.nextInt(w - cw + 1);
                int y0 = rnd.nextInt(h - ch + 1);
                return scaledRegion(img, x0, y0, cw, ch, config.cropWidth(), config.cropHeight());
            }
        }
        double r = (double) w / h;
        int cw = w;
        int ch = h;
        if (r < 3.0 / 4.0) {
            ch = Math.max(1, (int) Math.round(w / (3.0 / 4.0)));
        } else if (r > 4.0 / 3.0) {
            cw = Math.max(1, (int) Math.round(h * (4.0 / 3.0)));
        }
        return scaledRegion(img, (w - cw) / 2, (h - ch) / 2, cw, ch, config.cropWidth(), config.cropHeight());
    }

    /** The image resized as configured: a new image, or {@code img} itself when no resizing is needed. */
    private Mat resize(Mat img) {
        int w = img.cols();
        int h = img.rows();
        int tw;
        int th;
        switch (config.resize()) {
            case NONE:
                return img;
            case EXACT:
                tw = config.resizeWidth();
                th = config.resizeHeight();
                break;
            default:
                int[] wh = shorterSide(w, h, config.resizeHeight());
                tw = wh[0];
                th = wh[1];
        }
        if (tw == w && th == h) {
            return img;
        }
        return scaledRegion(img, 0, 0, w, h, tw, th);
    }

    /**
     * A region of {@code img} scaled to tw × th: area-averaging when it shrinks by 2× or more in both
     * directions, where bilinear sampling would skip source pixels and alias; bilinear otherwise (it
     * reads every source pixel below 2×, and costs a fifth of area-averaging at photo sizes).
     */
    private static Mat scaledRegion(Mat img, int x0, int y0, int w, int h, int tw, int th) {
        Mat out = new Mat();
        boolean whole = x0 == 0 && y0 == 0 && w == img.cols() && h == img.rows();
        try (Rect rect = new Rect(x0, y0, w, h); Size size = new Size(tw, th)) {
            Mat region = whole ? img : new Mat(img, rect);
            try {
                int interpolation = 2 * tw <= w && 2 * th <= h ? opencv_imgproc.INTER_AREA
                        : opencv_imgproc.INTER_LINEAR;
                opencv_imgproc.resize(region, out, size, 0, 0, interpolation);
            } finally {
                if (!whole) {
                    region.close();
                }
            }
        }
        return out;
    }

    private static int[] shorterSide(int w, int h, int side) {
        if (w <= h) {
            return new int[] {side, Math.max(1, (int) Math.round((double) h * side / w))};
        }
        return new int[] {Math.max(1, (int) Math.round((double) w * side / h)), side};
    }
}
