package org.hashing4j.models.layers;

import java.util.SplittableRandom;
import org.hashing4j.core.HashingException;

/**
 * Fixed ±1 class codebooks (targets) of DPN and OrthoHash (METHODS-DEEP.md §1.7, §1.8), drawn from
 * a seeded stream: {@link #bernoulli} (FIRe's {@code B}, i.i.d. ±1) and {@link #minDistance}
 * (FIRe's {@code M}: sign vectors accepted one class at a time only if their normalised Hamming
 * distance to every accepted one is at least d, d starting at 0.61 and lowered by 0.01 after 10,000
 * rejections, failing below 0.2; the class order is permuted at the end).
 */
public final class Codebooks {
    private Codebooks() {
    }

    /** "b" (Bernoulli) or "m" (minimum distance). */
    public static float[][] generate(String kind, int classes, int bits, SplittableRandom random) {
        return kind.equals("m") ? minDistance(classes, bits, random) : bernoulli(classes, bits, random);
    }

    /** classes × bits entries, each ±1 with probability ½. */
    public static float[][] bernoulli(int classes, int bits, SplittableRandom random) {
        float[][] c = new float[classes][bits];
        for (float[] row : c) {
            for (int k = 0; k < bits; k++) {
                row[k] = random.nextBoolean() ? 1f : -1f;
            }
        }
        return c;
    }

    /** The minimum-distance sampler. */
    public static float[][] minDistance(int classes, int bits, SplittableRandom random) {
        float[][] c = new float[classes][];
        double d = 0.61;
        int accepted = 0;
        int rejections = 0;
        while (accepted < classes) {
            float[] v = bernoulli(1, bits, random)[0];
            boolean ok = true;
            for (int j = 0; j < accepted && ok; j++) {
                int diff = 0;
                for (int k = 0; k < bits; k++) {
                    diff += v[k] != c[j][k] ? 1 : 0;
                }
                ok = (double) diff / bits >= d;
            }
            if (ok) {
                c[accepted++] = v;
            } else if (++rejections >= 10_000) {
                rejections = 0;
                d -= 0.01;
                if (d < 0.2) {
                    throw new HashingException("cannot draw " + classes + " codebook vectors of " + bits
                            + " bits at normalised distance >= 0.2; use more bits or codebook 'b'");
                }
            }
        }
        for (int i = classes - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float[] t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return c;
    }
}
