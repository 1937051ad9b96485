package org.hashing4j.datasets.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.hashing4j.core.HashingException;

/**
 * Turns image files into float arrays following an {@link ImagePipelineConfig}. Decoding uses the
 * JDK's ImageIO (PNG, JPEG, BMP, GIF), resizing uses bilinear interpolation. Stateless apart from
 * its configuration, so one pipeline may serve several decoding threads; the random source for
 * augmentation is passed per call.
 */
public final class ImagePipeline {
    private final ImagePipelineConfig config;

    public ImagePipeline(ImagePipelineConfig config) {
        this.config = config;
    }

    public ImagePipelineConfig config() {
        return config;
    }

    /** Decodes a file; a missing, unreadable or undecodable file is a one-line error naming it. */
    public static BufferedImage decode(Path file) {
        BufferedImage img;
        try {
            if (!Files.isRegularFile(file)) {
                throw new HashingException(file + ": image file missing");
            }
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            if (e instanceof HashingException h) {
                throw h;
            }
            throw new HashingException(file + ": corrupt or unreadable image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new HashingException(file + ": not a decodable image (unknown or corrupt format)");
        }
        return img;
    }

    /** Decodes and transforms one image file; see {@link #apply(BufferedImage, String, boolean, Random)}. */
    public float[] apply(Path file, boolean training, Random rnd) {
        return apply(decode(file), file.toString(), training, rnd);
    }

    /**
     * Transforms a decoded image: resize, crop, flip, [0,1], normalisation.
     *
     * @param name     for error messages
     * @param training whether to use the random crop and flip
     * @param rnd      random source for augmentation (unused when not training)
     */
    public float[] apply(BufferedImage img, String name, boolean training, Random rnd) {
        BufferedImage resized = training && config.randomCrop() && config.minCropArea() > 0
                ? randomResizedCrop(img, rnd) : resize(img);
        int w = resized.getWidth();
        int h = resized.getHeight();
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
        int[] argb = pixels(resized, x0, y0, cw, ch);
        int c = config.channels();
        int plane = cw * ch;
        float[] out = new float[c * plane];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int p = argb[y * cw + (flip ? cw - 1 - x : x)];
                int r = (p >>> 16) & 0xFF;
                int g = (p >>> 8) & 0xFF;
                int b = p & 0xFF;
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
                float s = std[k];
                for (int o = k * plane, end = o + plane; o < end; o++) {
                    out[o] = (out[o] - m) / s;
                }
            }
        }
        return out;
    }

    /**
     * Packed RGB pixels of a region. 8-bit grey images are read from the raster: {@code getRGB} would
     * convert their linear grey colour space to sRGB and brighten every pixel (a stored 187 reads as
     * 222), so grey PNGs would not give the bytes they hold — and not the pixels of the IDX files they
     * were exported from.
     */
    private static int[] pixels(BufferedImage img, int x0, int y0, int w, int h) {
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            int[] v = img.getRaster().getSamples(x0, y0, w, h, 0, (int[]) null);
            for (int i = 0; i < v.length; i++) {
                v[i] = (v[i] << 16) | (v[i] << 8) | v[i];
            }
            return v;
        }
        return img.getRGB(x0, y0, w, h, null, 0, w);
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
     * is scaled to the crop size (the resize step does not apply: the region is the image).
     */
    private BufferedImage randomResizedCrop(BufferedImage img, Random rnd) {
        int w = img.getWidth();
        int h = img.getHeight();
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
                return scale(img.getSubimage(x0, y0, cw, ch), config.cropWidth(), config.cropHeight());
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
        return scale(img.getSubimage((w - cw) / 2, (h - ch) / 2, cw, ch), config.cropWidth(), config.cropHeight());
    }

    private BufferedImage resize(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
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
        return scale(img, tw, th);
    }

    /** {@code img} scaled (bilinear) to tw × th; the image itself when it already has that size. */
    private static BufferedImage scale(BufferedImage img, int tw, int th) {
        if (tw == img.getWidth() && th == img.getHeight()) {
            return img;
        }
        // grey stays grey: drawing it into an RGB image would convert linear grey to sRGB (see pixels)
        BufferedImage out = new BufferedImage(tw, th, img.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, tw, th, null);
        } finally {
            g.dispose();
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
