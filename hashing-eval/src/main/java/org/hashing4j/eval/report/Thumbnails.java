package org.hashing4j.eval.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.hashing4j.core.HashingException;

/**
 * Turns float pixels into small PNG thumbnails for the retrieval gallery. Pixels are channel-major
 * (c × h × w, the layout of flattened image rows in a {@code FeatureSet}); 1 channel is grey, 3 are
 * RGB. Values in [0, 1] are shown as they are; anything else (e.g. mean/std-normalised images) is
 * stretched per image from its minimum to its maximum.
 */
final class Thumbnails {
    /** Small images are enlarged (nearest neighbour) to at least this size, large ones shrunk to at most twice it. */
    static final int TARGET = 56;

    private Thumbnails() {
    }

    static byte[] png(float[] pixels, int[] shape) {
        return encode(image(pixels, shape));
    }

    static BufferedImage image(float[] pixels, int[] shape) {
        if (shape == null || shape.length != 3) {
            throw new HashingException("image shape must be {channels, height, width}");
        }
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        if (c != 1 && c != 3) {
            throw new HashingException("thumbnails need 1 (grey) or 3 (RGB) channels, got " + c);
        }
        if ((long) c * h * w != pixels.length) {
            throw new HashingException("image of " + pixels.length + " values does not match shape " + c + "x" + h
                    + "x" + w);
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : pixels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float lo = 0f;
        float scale = 255f;
        if (min < 0f || max > 1f) {
            lo = min;
            scale = max > min ? 255f / (max - min) : 0f;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int r = level(pixels[p], lo, scale);
                int g = c == 3 ? level(pixels[plane + p], lo, scale) : r;
                int b = c == 3 ? level(pixels[2 * plane + p], lo, scale) : r;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return resize(img);
    }

    private static int level(float v, float lo, float scale) {
        int l = Math.round((v - lo) * scale);
        return Math.max(0, Math.min(255, Float.isFinite(v) ? l : 0));
    }

    private static BufferedImage resize(BufferedImage img) {
        int size = Math.max(img.getWidth(), img.getHeight());
        double factor;
        Object interpolation;
        if (size < TARGET) {
            factor = Math.ceil((double) TARGET / size);
            interpolation = RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR;
        } else if (size > 2 * TARGET) {
            factor = 2.0 * TARGET / size;
            interpolation = RenderingHints.VALUE_INTERPOLATION_BILINEAR;
        } else {
            return img;
        }
        int w = Math.max(1, (int) Math.round(img.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(img.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static byte[] encode(BufferedImage img) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }
}
