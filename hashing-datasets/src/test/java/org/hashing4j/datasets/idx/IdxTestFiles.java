package org.hashing4j.datasets.idx;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests (plain or gzip), with optional damage. */
public final class IdxTestFiles {
    private IdxTestFiles() {
    }

    /** The bytes of an IDX image file holding {@code pixels} (count × rows·cols bytes). */
    public static byte[] imageBytes(int count, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(IdxReader.IMAGES_MAGIC);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
        return b.toByteArray();
    }

    /** The bytes of an IDX label file. */
    public static byte[] labelBytes(int[] labels) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(IdxReader.LABELS_MAGIC);
        out.writeInt(labels.length);
        for (int l : labels) {
            out.writeByte(l);
        }
        return b.toByteArray();
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(data);
        }
        return b.toByteArray();
    }

    /** Random pixels, seeded. */
    public static byte[] randomPixels(int count, int rows, int cols, long seed) {
        byte[] p = new byte[count * rows * cols];
        new Random(seed).nextBytes(p);
        return p;
    }

    /**
     * Writes a complete tiny MNIST-format dataset (four gzip files) to {@code dir}: {@code perClassTrain}
     * and {@code perClassTest} images of each of 10 classes, {@code side}×{@code side} pixels. Pixel 0 of
     * every image encodes its position (train: i % 251, test: 251 - i % 251) so tests can tell images
     * apart.
     */
    public static void writeDataset(Path dir, int perClassTrain, int perClassTest, int side, boolean gzip)
            throws IOException {
        Files.createDirectories(dir);
        writeSet(dir, "train", perClassTrain, side, gzip, 1);
        writeSet(dir, "t10k", perClassTest, side, gzip, 2);
    }

    private static void writeSet(Path dir, String prefix, int perClass, int side, boolean gzip, long seed)
            throws IOException {
        int n = perClass * 10;
        byte[] pixels = randomPixels(n, side, side, seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 10; // interleaved classes
        }
        String ext = gzip ? ".gz" : "";
        byte[] img = imageBytes(n, side, side, pixels);
        byte[] lab = labelBytes(labels);
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), gzip ? gzip(img) : img);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), gzip ? gzip(lab) : lab);
    }
}
