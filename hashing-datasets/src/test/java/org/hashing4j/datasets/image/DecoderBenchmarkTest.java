package org.hashing4j.datasets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's decoder ({@link DecodedImage}, OpenCV) against the JDK's ImageIO, which the pipeline
 * used before, on PNG and JPEG: decoded images/s on one thread, and the whole evaluation-time
 * preprocessing (decode, shorter side to 256, centre 224×224 crop, normalised floats) against ImageIO
 * decoding with Java2D bilinear scaling. Also the largest pixel difference between the two decoders.
 * Run with {@code ./mvnw -o test -pl hashing-datasets -Dtest=DecoderBenchmarkTest
 * -Dtest.groups.excluded=} ({@code -Dbench.images=N -Dbench.width=W -Dbench.height=H} to change the
 * workload; the default 500×375 is a typical photo-collection image).
 */
@Tag("slow")
class DecoderBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void openCvAgainstImageIo() throws Exception {
        int n = Integer.getInteger("bench.images", 200);
        int width = Integer.getInteger("bench.width", 500);
        int height = Integer.getInteger("bench.height", 375);
        Random r = new Random(1);
        List<File> png = new ArrayList<>();
        List<File> jpg = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = photoLike(width, height, r);
            File p = tmp.resolve(i + ".png").toFile();
            File j = tmp.resolve(i + ".jpg").toFile();
            ImageIO.write(img, "png", p);
            ImageIO.write(img, "jpg", j);
            png.add(p);
            jpg.add(j);
        }
        ImagePipeline pipeline = new ImagePipeline(ImagePipelineConfig.imagenet(256, 224));
        for (String format : new String[] {"png", "jpg"}) {
            List<File> files = format.equals("png") ? png : jpg;
            int maxDiff = 0;
            for (int i = 0; i < Math.min(20, n); i++) {
                try (DecodedImage d = DecodedImage.read(files.get(i).toPath())) {
                    maxDiff = Math.max(maxDiff, maxAbsDiff(ImageIO.read(files.get(i)), d));
                }
            }
            double[][] rate = new double[4][3]; // decode ImageIO, decode OpenCV, pipeline old, pipeline new
            for (int round = 0; round < 3; round++) { // alternate, the machine is shared
                long t0 = System.nanoTime();
                for (File f : files) {
                    BufferedImage b = ImageIO.read(f);
                    b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
                }
                rate[0][round] = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (File f : files) {
                    try (DecodedImage d = DecodedImage.read(f.toPath())) {
                        d.pixels();
                    }
                }
                rate[1][round] = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (File f : files) {
                    imageIoJava2dPipeline(f, 256, 224);
                }
                rate[2][round] = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (File f : files) {
                    pipeline.apply(f.toPath(), false, null);
                }
                rate[3][round] = n / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%s %dx%d, %d images, best of 3 (rounds):%n"
                    + "  decode            ImageIO %.0f/s %s   OpenCV %.0f/s %s%n"
                    + "  decode+256+224crop ImageIO+Java2D %.0f/s %s   pipeline (OpenCV) %.0f/s %s%n"
                    + "  max abs pixel difference of the decoders %d%n", format, width, height, n,
                    best(rate[0]), rounds(rate[0]), best(rate[1]), rounds(rate[1]), best(rate[2]), rounds(rate[2]),
                    best(rate[3]), rounds(rate[3]), maxDiff);
            if (format.equals("png")) {
                assertEquals(0, maxDiff, "PNG is lossless: both decoders must give the same pixels");
            }
        }
    }

    /** The pipeline as it was before OpenCV: ImageIO, Java2D bilinear shorter-side scaling, centre crop. */
    private static float[] imageIoJava2dPipeline(File f, int side, int crop) throws Exception {
        BufferedImage img = ImageIO.read(f);
        int w = img.getWidth();
        int h = img.getHeight();
        int tw = w <= h ? side : (int) Math.round((double) w * side / h);
        int th = w <= h ? (int) Math.round((double) h * side / w) : side;
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, tw, th, null);
        g.dispose();
        int[] argb = out.getRGB((tw - crop) / 2, (th - crop) / 2, crop, crop, null, 0, crop);
        float[] v = new float[3 * argb.length];
        for (int i = 0; i < argb.length; i++) {
            v[i] = (((argb[i] >>> 16) & 0xFF) / 255f - 0.485f) / 0.229f;
            v[argb.length + i] = (((argb[i] >>> 8) & 0xFF) / 255f - 0.456f) / 0.224f;
            v[2 * argb.length + i] = ((argb[i] & 0xFF) / 255f - 0.406f) / 0.225f;
        }
        return v;
    }

    private static double best(double[] v) {
        return Math.max(v[0], Math.max(v[1], v[2]));
    }

    private static String rounds(double[] v) {
        return String.format(Locale.ROOT, "(%.0f/%.0f/%.0f)", v[0], v[1], v[2]);
    }

    /** Smooth gradients plus noise, so that PNG and JPEG sizes are photo-like. */
    private static BufferedImage photoLike(int width, int height, Random r) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int phase = r.nextInt(100);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int red = (x * 255 / width + phase) & 0xFF;
                int green = (y * 255 / height) & 0xFF;
                int blue = (int) (128 + 100 * Math.sin((x + y + phase) / 9.0)) + r.nextInt(16);
                img.setRGB(x, y, (red << 16) | (green << 8) | Math.min(255, blue));
            }
        }
        return img;
    }

    /** Largest difference of any channel between ImageIO's sRGB pixels and the decoded B, G, R bytes. */
    private static int maxAbsDiff(BufferedImage a, DecodedImage b) {
        int w = a.getWidth();
        byte[] px = b.pixels();
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getRGB(x, y);
                int at = (y * w + x) * 3;
                max = Math.max(max, Math.abs(((p >>> 16) & 0xFF) - (px[at + 2] & 0xFF)));
                max = Math.max(max, Math.abs(((p >>> 8) & 0xFF) - (px[at + 1] & 0xFF)));
                max = Math.max(max, Math.abs((p & 0xFF) - (px[at] & 0xFF)));
            }
        }
        return max;
    }
}
