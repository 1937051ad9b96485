package org.hashing4j.models.methods.csq;

import java.util.SplittableRandom;

/**
 * CSQ's hash centres (METHODS-DEEP.md §1.6, the authors' construction): for K a power of two the
 * rows of [H_K; −H_K] (Sylvester Hadamard; pairwise distance K/2) in order, one per class while
 * classes ≤ 2K; further classes, or every class when K is not a power of two, get random balanced
 * vectors (exactly K/2 entries −1), redrawn up to 20 times until the minimum pairwise distance
 * exceeds K/4 and the mean is at least K/2 (the last draw is kept otherwise).
 */
final class HashCentres {
    private HashCentres() {
    }

    /** {@code classes} × {@code bits} centres of ±1. */
    static float[][] generate(int classes, int bits, SplittableRandom random) {
        float[][] c = new float[classes][bits];
        int fixed = 0;
        if (Integer.bitCount(bits) == 1) {
            float[][] h = hadamard(bits);
            fixed = Math.min(classes, 2 * bits);
            for (int i = 0; i < fixed; i++) {
                for (int k = 0; k < bits; k++) {
                    c[i][k] = i < bits ? h[i][k] : -h[i - bits][k];
                }
            }
        }
        if (fixed == classes) {
            return c;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            for (int i = fixed; i < classes; i++) {
                c[i] = balanced(bits, random);
            }
            double min = Double.POSITIVE_INFINITY;
            double sum = 0;
            int pairs = 0;
            for (int i = 0; i < classes; i++) {
                for (int j = i + 1; j < classes; j++) {
                    int d = 0;
                    for (int k = 0; k < bits; k++) {
                        d += c[i][k] != c[j][k] ? 1 : 0;
                    }
                    min = Math.min(min, d);
                    sum += d;
                    pairs++;
                }
            }
            if (pairs == 0 || (min > bits / 4.0 && sum / pairs >= bits / 2.0)) {
                break;
            }
        }
        return c;
    }

    /** The Sylvester Hadamard matrix of order n (a power of two), entries ±1. */
    static float[][] hadamard(int n) {
        float[][] h = {{1}};
        while (h.length < n) {
            int m = h.length;
            float[][] next = new float[2 * m][2 * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    next[i][j] = h[i][j];
                    next[i][j + m] = h[i][j];
                    next[i + m][j] = h[i][j];
                    next[i + m][j + m] = -h[i][j];
                }
            }
            h = next;
        }
        return h;
    }

    /** A random ±1 vector with exactly ⌊K/2⌋ entries −1. */
    static float[] balanced(int bits, SplittableRandom random) {
        float[] v = new float[bits];
        java.util.Arrays.fill(v, 1f);
        int[] idx = new int[bits];
        for (int i = 0; i < bits; i++) {
            idx[i] = i;
        }
        for (int i = bits - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        for (int i = 0; i < bits / 2; i++) {
            v[idx[i]] = -1f;
        }
        return v;
    }
}
