package org.hashing4j.datasets.cifar;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tiny CIFAR-10 files for tests. */
public final class CifarTestFiles {
    private CifarTestFiles() {
    }

    /**
     * Bytes of a batch of {@code n} records; record i has label (i*3+offset) % 10 and pixel bytes
     * (i + p + offset) % 256, except that the first byte of the R, G and B planes hold 10, 20, 30.
     */
    public static byte[] batch(int n, int offset) {
        byte[] b = new byte[n * CifarBinaryReader.RECORD];
        for (int i = 0; i < n; i++) {
            int o = i * CifarBinaryReader.RECORD;
            b[o] = (byte) ((i * 3 + offset) % 10);
            for (int p = 0; p < CifarBinaryReader.PIXELS; p++) {
                b[o + 1 + p] = (byte) ((i + p + offset) % 256);
            }
            b[o + 1] = 10;
            b[o + 1 + 1024] = 20;
            b[o + 1 + 2048] = 30;
        }
        return b;
    }

    /** Writes the six batch files ({@code perTrainBatch} records each, {@code test} in the test batch). */
    public static Path writeBinary(Path dir, int perTrainBatch, int test) throws IOException {
        Files.createDirectories(dir);
        for (int k = 0; k < 5; k++) {
            Files.write(dir.resolve(Cifar10Source.TRAIN_BATCHES.get(k)), batch(perTrainBatch, k));
        }
        Files.write(dir.resolve(Cifar10Source.TEST_BATCH), batch(test, 7));
        return dir;
    }

    /** A .tar.gz with the given entries (name → content). */
    public static void writeTarGz(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream f = Files.newOutputStream(file);
                GZIPOutputStream gz = new GZIPOutputStream(f);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    /** A 32×32 PNG filled with one RGB colour. */
    public static void writePng(Path file, int rgb, int size) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, file.toString().endsWith(".jpg") ? "jpg" : "png", b);
        Files.write(file, b.toByteArray());
    }
}
