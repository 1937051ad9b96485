package org.hashing4j.models.methods.cibhash;

import java.util.SplittableRandom;

/**
 * The random views CIBHash contrasts, made from the rows the trainer holds (METHODS-DEEP.md §2.5).
 *
 * <p>The authors augment decoded 224×224 images (RandomResizedCrop with scale 0.5–1, horizontal flip,
 * colour jitter with p 0.7, grayscale with p 0.2, blur). Our rows are already decoded and normalised
 * (28×28 pixels, CIFAR tensors, or feature vectors), so the image pipeline of
 * {@code datasets.image}, which works on decoded files, does not apply; the same ideas are applied
 * to the float rows instead:
 * <ul>
 *   <li>image rows (channels × height × width, channel planes): a random resized crop (area fraction
 *       U(crop_scale, 1), aspect ratio log-uniform in [3/4, 4/3], resized back by bilinear
 *       interpolation), a horizontal flip with probability ½ (when {@code flip}; turn it off for
 *       digits), and with probability 0.7 a brightness shift of U(−jitter, jitter) image standard
 *       deviations and a contrast factor U(1 − jitter, 1 + jitter) about the image mean. Grayscale and
 *       blur are left out: single-channel inputs have no colour, and 28×28 images have little to blur;</li>
 *   <li>feature rows (no image shape, e.g. cached CNN features): each feature is zeroed with
 *       probability {@code dropout} and Gaussian noise of {@code noise} × the row's RMS is added —
 *       the usual feature-space stand-in for image augmentation.</li>
 * </ul>
 * All draws come from the generator passed in (the trainer's per-epoch stream), so runs repeat.
 */
record Augmentation(double cropScale, boolean flip, double jitter, double noise, double dropout) {
    private static final double JITTER_PROBABILITY = 0.7;

    /** One random view of {@code row}; {@code shape} is {channels, height, width} or null for feature rows. */
    float[] view(float[] row, int[] shape, SplittableRandom random) {
        return shape == null ? featureView(row, random) : imageView(row, shape, random);
    }

    private float[] featureView(float[] row, SplittableRandom random) {
        double ss = 0;
        for (float v : row) {
            ss += v * v;
        }
        double scale = noise * Math.sqrt(ss / row.length);
        float[] out = new float[row.length];
        for (int d = 0; d < row.length; d++) {
            boolean keep = random.nextDouble() >= dropout;
            out[d] = (float) ((keep ? row[d] : 0) + scale * gaussian(random));
        }
        return out;
    }

    private float[] imageView(float[] row, int[] shape, SplittableRandom random) {
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        double area = cropScale + (1 - cropScale) * random.nextDouble();
        double logRatio = Math.log(3.0 / 4) + (Math.log(4.0 / 3) - Math.log(3.0 / 4)) * random.nextDouble();
        double ratio = Math.exp(logRatio);
        int cw = clamp((int) Math.round(Math.sqrt(area * ratio) * w), 1, w);
        int ch = clamp((int) Math.round(Math.sqrt(area / ratio) * h), 1, h);
        int x0 = random.nextInt(w - cw + 1);
        int y0 = random.nextInt(h - ch + 1);
        boolean mirror = flip && random.nextBoolean();
        float[] out = new float[row.length];
        int plane = h * w;
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                // Pixel centres of the output mapped into the crop (as bilinear resizing does).
                double sy = y0 + (y + 0.5) * ch / h - 0.5;
                for (int x = 0; x < w; x++) {
                    int xo = mirror ? w - 1 - x : x;
                    double sx = x0 + (xo + 0.5) * cw / w - 0.5;
                    out[k * plane + y * w + x] = (float) bilinear(row, k * plane, h, w, sy, sx);
                }
            }
        }
        if (jitter > 0 && random.nextDouble() < JITTER_PROBABILITY) {
            double brightness = jitter * (2 * random.nextDouble() - 1);
            double contrast = 1 + jitter * (2 * random.nextDouble() - 1);
            double mean = 0;
            for (float v : out) {
                mean += v;
            }
            mean /= out.length;
            double var = 0;
            for (float v : out) {
                var += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(var / out.length);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (mean + contrast * (out[i] - mean) + brightness * std);
            }
        }
        return out;
    }

    /** Bilinear sample of one channel plane at (y, x), clamped to the image's border. */
    private static double bilinear(float[] row, int offset, int h, int w, double y, double x) {
        y = Math.max(0, Math.min(h - 1, y));
        x = Math.max(0, Math.min(w - 1, x));
        int y1 = (int) Math.floor(y);
        int x1 = (int) Math.floor(x);
        int y2 = Math.min(h - 1, y1 + 1);
        int x2 = Math.min(w - 1, x1 + 1);
        double fy = y - y1;
        double fx = x - x1;
        double top = row[offset + y1 * w + x1] * (1 - fx) + row[offset + y1 * w + x2] * fx;
        double bottom = row[offset + y2 * w + x1] * (1 - fx) + row[offset + y2 * w + x2] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A standard normal draw (Box–Muller; SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
