package org.hashing4j.datasets.idx;

import java.nio.file.Path;

/**
 * The images of one IDX image file (MNIST layout): {@code count} grey images of
 * {@code rows × cols} unsigned bytes, kept as the raw bytes so that a 60,000-image file costs 47 MB
 * until it is turned into floats.
 */
public final class IdxImages {
    private final Path source;
    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;

    IdxImages(Path source, int count, int rows, int cols, byte[] pixels) {
        this.source = source;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
    }

    /** The file the images came from. */
    public Path source() {
        return source;
    }

    public int count() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image, {@code rows × cols}. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** The CNN view of one image: {1, rows, cols} (one grey channel). */
    public int[] imageShape() {
        return new int[] {1, rows, cols};
    }

    /** Pixel {@code p} (row-major) of image {@code i}, 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * pixelsPerImage() + p] & 0xFF;
    }

    /**
     * All images as n × (rows·cols) floats in [0,1] (byte / 255), row-major within an image, which is
     * also the C-order flattening of {1, rows, cols}.
     */
    public float[][] toUnitRows() {
        int d = pixelsPerImage();
        float[] lut = new float[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = v / 255f;
        }
        float[][] out = new float[count][d];
        for (int i = 0, off = 0; i < count; i++, off += d) {
            float[] row = out[i];
            for (int p = 0; p < d; p++) {
                row[p] = lut[pixels[off + p] & 0xFF];
            }
        }
        return out;
    }
}
