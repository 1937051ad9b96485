package org.hashing4j.eval;

import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;

/**
 * Random but structured codes with class labels, for demos and benchmarks: each class has a random
 * centre code, and each item's code is its class centre with every bit flipped independently with
 * probability {@code flip}. With flip 0.5 the codes are uniform noise (mAP ≈ 1/classes); smaller
 * values give codes that retrieve their own class, as a trained hash function would.
 */
public final class SyntheticCodes {
    private final BinaryCodes codes;
    private final int[] labels;

    private SyntheticCodes(BinaryCodes codes, int[] labels) {
        this.codes = codes;
        this.labels = labels;
    }

    /**
     * Makes {@code n} codes of {@code bits} bits in {@code classes} classes (labels drawn uniformly).
     * The class centres depend only on {@code centreSeed}, so that query and database sets made with
     * different {@code seed}s but the same centre seed share their classes.
     */
    public static SyntheticCodes generate(int n, int bits, int classes, double flip, long centreSeed, long seed) {
        if (n < 1 || bits < 1 || classes < 1) {
            throw new HashingException("synthetic codes need n >= 1, bits >= 1 and classes >= 1, got n=" + n
                    + ", bits=" + bits + ", classes=" + classes);
        }
        if (!(flip >= 0 && flip <= 0.5)) {
            throw new HashingException("bit flip probability must be in [0, 0.5], got " + flip);
        }
        int wpc = BinaryCodes.wordsFor(bits);
        long tail = (bits & 63) == 0 ? -1L : -1L << (64 - (bits & 63));
        Random centreRandom = new Random(centreSeed);
        long[] centres = new long[classes * wpc];
        for (int c = 0; c < classes; c++) {
            for (int w = 0; w < wpc; w++) {
                centres[c * wpc + w] = centreRandom.nextLong() & (w == wpc - 1 ? tail : -1L);
            }
        }
        Random r = new Random(seed);
        int[] labels = new int[n];
        long[] words = new long[n * wpc];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(classes);
            labels[i] = c;
            for (int w = 0; w < wpc; w++) {
                long noise = 0;
                int width = w == wpc - 1 && (bits & 63) != 0 ? bits & 63 : 64;
                for (int b = 0; b < width; b++) {
                    if (r.nextDouble() < flip) {
                        noise |= Long.MIN_VALUE >>> b;
                    }
                }
                words[i * wpc + w] = centres[c * wpc + w] ^ noise;
            }
        }
        return new SyntheticCodes(BinaryCodes.fromWords(n, bits, words), labels);
    }

    /** The codes. */
    public BinaryCodes codes() {
        return codes;
    }

    /** The class index of each code. */
    public int[] labels() {
        return labels.clone();
    }
}
