package org.hashing4j.datasets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.datavec.image.loader.NativeImageLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ImageIO (the pipeline's decoder) against DataVec's NativeImageLoader (OpenCV) on PNG and JPEG:
 * decoded images/s on one thread, and the largest pixel difference between the two. Run with
 * {@code ./mvnw -o test -pl hashing-datasets -Dtest=DecoderBenchmarkTest -Dtest.groups.excluded=}
 * ({@code -Dbench.images=N -Dbench.size=S} to change the workload).
 */
@Tag("slow")
class DecoderBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void imageIoAgainstNativeImageLoader() throws Exception {
        int n = Integer.getInteger("bench.images", 300);
        int size = Integer.getInteger("bench.size", 256);
        Random r = new Random(1);
        List<File> png = new ArrayList<>();
        List<File> jpg = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = photoLike(size, r);
            File p = tmp.resolve(i + ".png").toFile();
            File j = tmp.resolve(i + ".jpg").toFile();
            ImageIO.write(img, "png", p);
            ImageIO.write(img, "jpg", j);
            png.add(p);
            jpg.add(j);
        }
        NativeImageLoader loader = new NativeImageLoader();
        for (String format : new String[] {"png", "jpg"}) {
            List<File> files = format.equals("png") ? png : jpg;
            int maxDiff = 0;
            for (int i = 0; i < Math.min(20, n); i++) {
                maxDiff = Math.max(maxDiff, maxAbsDiff(ImagePipeline.decode(files.get(i).toPath()),
                        loader.asMatrix(files.get(i))));
            }
            double[] io = new double[3];
            double[] cv = new double[3];
            for (int round = 0; round < 3; round++) { // alternate, the machine is shared
                long t0 = System.nanoTime();
                for (File f : files) {
                    BufferedImage b = ImagePipeline.decode(f.toPath());
                    b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
                }
                io[round] = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (File f : files) {
                    loader.asMatrix(f);
                }
                cv[round] = n / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%s %dx%d: ImageIO %.0f images/s (rounds %.0f/%.0f/%.0f), NativeImageLoader"
                    + " %.0f images/s (%.0f/%.0f/%.0f), max abs pixel difference %d%n", format, size, size, best(io),
                    io[0], io[1], io[2], best(cv), cv[0], cv[1], cv[2], maxDiff);
            if (format.equals("png")) {
                assertEquals(0, maxDiff, "PNG is lossless: both decoders must give the same pixels");
            }
        }
    }

    private static double best(double[] v) {
        return Math.max(v[0], Math.max(v[1], v[2]));
    }

    /** Smooth gradients plus noise, so that PNG and JPEG sizes are photo-like. */
    private static BufferedImage photoLike(int size, Random r) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int phase = r.nextInt(100);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int red = (x * 255 / size + phase) & 0xFF;
                int green = (y * 255 / size) & 0xFF;
                int blue = (int) (128 + 100 * Math.sin((x + y + phase) / 9.0)) + r.nextInt(16);
                img.setRGB(x, y, (red << 16) | (green << 8) | Math.min(255, blue));
            }
        }
        return img;
    }

    /** OpenCV gives [1, 3, h, w] in BGR order. */
    private static int maxAbsDiff(BufferedImage a, INDArray b) {
        int w = a.getWidth();
        int h = a.getHeight();
        int max = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getRGB(x, y);
                int[] rgb = {(p >>> 16) & 0xFF, (p >>> 8) & 0xFF, p & 0xFF};
                for (int c = 0; c < 3; c++) {
                    int v = Math.round(b.getFloat(0, 2 - c, y, x));
                    max = Math.max(max, Math.abs(v - rgb[c]));
                }
            }
        }
        return max;
    }
}
