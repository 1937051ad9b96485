package org.hashing4j.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static HashingException fails(Runnable r) {
        return assertThrows(HashingException.class, r::run);
    }

    private static void assertOneLine(HashingException e, Path file, String... fragments) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.contains(file.toString()), "names the file: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "'" + f + "' in: " + m);
        }
    }

    @Test
    void readsPlainAndGzipImagesIdentically() throws IOException {
        byte[] pixels = IdxTestFiles.randomPixels(5, 3, 4, 7);
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        pixels[2] = (byte) 128;
        byte[] raw = IdxTestFiles.imageBytes(5, 3, 4, pixels);
        IdxImages plain = IdxReader.readImages(write("img", raw));
        IdxImages gz = IdxReader.readImages(write("img.renamed", IdxTestFiles.gzip(raw)));
        for (IdxImages im : new IdxImages[] {plain, gz}) {
            assertEquals(5, im.count());
            assertEquals(3, im.rows());
            assertEquals(4, im.cols());
            assertArrayEquals(new int[] {1, 3, 4}, im.imageShape());
            float[][] f = im.toUnitRows();
            assertEquals(5, f.length);
            assertEquals(12, f[0].length);
            assertEquals(0f, f[0][0]);
            assertEquals(1f, f[0][1]);
            assertEquals(128 / 255f, f[0][2]);
            for (int i = 0; i < 5; i++) {
                for (int p = 0; p < 12; p++) {
                    assertEquals((pixels[i * 12 + p] & 0xFF) / 255f, f[i][p]);
                    assertEquals(pixels[i * 12 + p] & 0xFF, im.pixel(i, p));
                }
            }
        }
    }

    @Test
    void readsLabelsAndBuildsAFeatureSet() throws IOException {
        int[] labels = {3, 0, 9, 9, 1};
        Path lab = write("lab.gz", IdxTestFiles.gzip(IdxTestFiles.labelBytes(labels)));
        assertArrayEquals(labels, IdxReader.readLabels(lab, 10));
        Path img = write("img", IdxTestFiles.imageBytes(5, 2, 2, IdxTestFiles.randomPixels(5, 2, 2, 1)));
        FeatureSet fs = IdxReader.readLabelledImages(img, lab, 10, "tiny");
        assertEquals(5, fs.size());
        assertEquals(4, fs.dimension());
        assertArrayEquals(new int[] {1, 2, 2}, fs.imageShape());
        assertEquals(9, fs.labels().classOf(2));
        assertEquals("tiny", fs.name());
    }

    @Test
    void badMagicNumbersAreNamed() throws IOException {
        Path lab = write("labels", IdxTestFiles.labelBytes(new int[] {1, 2}));
        assertOneLine(fails(() -> IdxReader.readImages(lab)), lab, "bad magic number 0x00000801",
                "expected 0x00000803", "IDX label file");
        Path img = write("images", IdxTestFiles.imageBytes(1, 1, 1, new byte[] {5}));
        assertOneLine(fails(() -> IdxReader.readLabels(img, 10)), img, "0x00000803", "expected 0x00000801");
        Path junk = write("junk.txt", "hello, this is not an IDX file".getBytes());
        assertOneLine(fails(() -> IdxReader.readImages(junk)), junk, "bad magic number", "not an IDX file");
        Path junkGz = write("junk.gz", IdxTestFiles.gzip("PK\u0003\u0004 zip?".getBytes()));
        assertOneLine(fails(() -> IdxReader.readImages(junkGz)), junkGz, "bad magic number");
    }

    @Test
    void truncatedPlainFilesAreRejected() throws IOException {
        byte[] full = IdxTestFiles.imageBytes(10, 4, 4, IdxTestFiles.randomPixels(10, 4, 4, 3));
        Path cut = write("cut", Arrays.copyOf(full, full.length - 5));
        assertOneLine(fails(() -> IdxReader.readImages(cut)), cut, "truncated", "10 images of 4x4", "176 bytes",
                "171 bytes");
        Path headerOnly = write("header", Arrays.copyOf(full, 10));
        assertOneLine(fails(() -> IdxReader.readImages(headerOnly)), headerOnly, "truncated IDX header");
        Path empty = write("empty", new byte[0]);
        assertOneLine(fails(() -> IdxReader.readImages(empty)), empty, "truncated IDX header");
        byte[] labels = IdxTestFiles.labelBytes(new int[] {1, 2, 3});
        Path cutLabels = write("cutlabels", Arrays.copyOf(labels, labels.length - 1));
        assertOneLine(fails(() -> IdxReader.readLabels(cutLabels, 10)), cutLabels, "truncated", "3 labels");
    }

    @Test
    void truncatedGzipFilesAreRejected() throws IOException {
        byte[] full = IdxTestFiles.imageBytes(50, 8, 8, IdxTestFiles.randomPixels(50, 8, 8, 4));
        byte[] gz = IdxTestFiles.gzip(full);
        // cut inside the deflate data
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertOneLine(fails(() -> IdxReader.readImages(cut)), cut, "truncated");
        // cut in the gzip trailer (data complete, CRC/size missing)
        Path cutTrailer = write("cuttrailer.gz", Arrays.copyOf(gz, gz.length - 4));
        assertOneLine(fails(() -> IdxReader.readImages(cutTrailer)), cutTrailer, "truncated");
        // a complete gzip stream whose content is short: header promises more than the data holds
        Path shortContent = write("short.gz", IdxTestFiles.gzip(Arrays.copyOf(full, full.length - 64)));
        assertOneLine(fails(() -> IdxReader.readImages(shortContent)), shortContent, "truncated",
                "50 images of 8x8", "3216 bytes decompressed", "3152 bytes");
    }

    @Test
    void corruptGzipDataIsRejected() throws IOException {
        byte[] full = IdxTestFiles.imageBytes(50, 8, 8, IdxTestFiles.randomPixels(50, 8, 8, 5));
        byte[] gz = IdxTestFiles.gzip(full);
        byte[] bad = gz.clone();
        for (int i = 20; i < 60; i++) {
            bad[i] ^= (byte) 0x5A;
        }
        Path p = write("bad.gz", bad);
        HashingException e = fails(() -> IdxReader.readImages(p));
        assertOneLine(e, p);
        assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("truncated")
                || e.getMessage().contains("bad magic"), e.getMessage());
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 1; // CRC32 in the trailer
        Path crc = write("crc.gz", badCrc);
        assertOneLine(fails(() -> IdxReader.readImages(crc)), crc, "corrupt gzip data");
    }

    @Test
    void wrongCountsAreRejected() throws IOException {
        // header says 9 images but 10 follow
        byte[] pixels = IdxTestFiles.randomPixels(10, 2, 2, 6);
        byte[] tooMany = IdxTestFiles.imageBytes(9, 2, 2, pixels);
        Path plain = write("extra", tooMany);
        assertOneLine(fails(() -> IdxReader.readImages(plain)), plain, "4 unexpected bytes after 9 images");
        Path gz = write("extra.gz", IdxTestFiles.gzip(tooMany));
        assertOneLine(fails(() -> IdxReader.readImages(gz)), gz, "4 unexpected bytes after 9 images");
        // implausible dimensions
        Path dims = write("dims", IdxTestFiles.imageBytes(1, 0, 5, new byte[0]));
        assertOneLine(fails(() -> IdxReader.readImages(dims)), dims, "implausible IDX image dimensions");
        // images and labels disagree
        Path img = write("img", IdxTestFiles.imageBytes(3, 1, 1, new byte[] {1, 2, 3}));
        Path lab = write("lab", IdxTestFiles.labelBytes(new int[] {1, 2}));
        HashingException e = fails(() -> IdxReader.readLabelledImages(img, lab, 10, "x"));
        assertOneLine(e, img, "3 images", "2 labels", lab.toString());
    }

    @Test
    void labelsOutOfRangeAreRejectedWhenAsked() throws IOException {
        Path lab = write("lab", IdxTestFiles.labelBytes(new int[] {1, 2, 12, 3}));
        assertOneLine(fails(() -> IdxReader.readLabels(lab, 10)), lab, "label 12 of item 2", "0..9");
        assertArrayEquals(new int[] {1, 2, 12, 3}, IdxReader.readLabels(lab, 0));
    }

    @Test
    void missingFileIsNamed() {
        Path none = tmp.resolve("nope.gz");
        assertOneLine(fails(() -> IdxReader.readImages(none)), none, "no such file");
    }

    /** The real Fashion-MNIST files from Debian's dataset-fashion-mnist, when installed. */
    @Test
    void readsDebianFashionMnistWhenInstalled() {
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "dataset-fashion-mnist not installed");
        long t0 = System.nanoTime();
        FeatureSet train = IdxReader.readLabelledImages(dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), 10, "fashion-mnist/train");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Fashion-MNIST training set (60,000 x 784, gzip) read in %.2f s%n", seconds);
        assertEquals(60000, train.size());
        assertEquals(784, train.dimension());
        assertArrayEquals(new int[] {1, 28, 28}, train.imageShape());
        int[] perClass = new int[10];
        for (int i = 0; i < train.size(); i++) {
            perClass[train.labels().classOf(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, perClass[c]);
        }
        double sum = 0;
        float min = 1;
        float max = 0;
        for (float[] row : train.features()) {
            for (float v : row) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        // the mean pixel intensity of Fashion-MNIST training images is 0.2860 (72.94 / 255)
        assertEquals(0.2860, sum / (60000.0 * 784), 5e-4);
    }
}
