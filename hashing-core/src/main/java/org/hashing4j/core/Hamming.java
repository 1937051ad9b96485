package org.hashing4j.core;

/**
 * Hamming distance kernels over packed codes: XOR the words and count the set bits with
 * {@link Long#bitCount} (a single POPCNT instruction on x86-64).
 */
public final class Hamming {
    private Hamming() {
    }

    /** Hamming distance between code {@code i} of {@code a} and code {@code j} of {@code b}. */
    public static int distance(BinaryCodes a, int i, BinaryCodes b, int j) {
        checkSameBits(a, b);
        int wpc = a.wordsPerCode();
        long[] aw = a.wordsShared();
        long[] bw = b.wordsShared();
        int ab = i * wpc;
        int bb = j * wpc;
        int d = 0;
        for (int w = 0; w < wpc; w++) {
            d += Long.bitCount(aw[ab + w] ^ bw[bb + w]);
        }
        return d;
    }

    /** Hamming distance between two packed codes of equal word count. */
    public static int distance(long[] a, long[] b) {
        int d = 0;
        for (int w = 0; w < a.length; w++) {
            d += Long.bitCount(a[w] ^ b[w]);
        }
        return d;
    }

    /**
     * Distances from code {@code q} of {@code queries} to database codes {@code from..to-1}, written to
     * {@code out[from..to-1]}.
     */
    public static void distances(BinaryCodes queries, int q, BinaryCodes db, int from, int to, int[] out) {
        checkSameBits(queries, db);
        int wpc = db.wordsPerCode();
        long[] qw = queries.wordsShared();
        long[] dw = db.wordsShared();
        int qb = q * wpc;
        // Specialised loops for the common short codes keep the hot loop free of an inner loop.
        if (wpc == 1) {
            long q0 = qw[qb];
            for (int i = from; i < to; i++) {
                out[i] = Long.bitCount(q0 ^ dw[i]);
            }
        } else if (wpc == 2) {
            long q0 = qw[qb];
            long q1 = qw[qb + 1];
            for (int i = from; i < to; i++) {
                int b = i << 1;
                out[i] = Long.bitCount(q0 ^ dw[b]) + Long.bitCount(q1 ^ dw[b + 1]);
            }
        } else {
            for (int i = from; i < to; i++) {
                int b = i * wpc;
                int d = 0;
                for (int w = 0; w < wpc; w++) {
                    d += Long.bitCount(qw[qb + w] ^ dw[b + w]);
                }
                out[i] = d;
            }
        }
    }

    /** Distances from code {@code q} of {@code queries} to every database code. */
    public static int[] distances(BinaryCodes queries, int q, BinaryCodes db) {
        int[] out = new int[db.size()];
        distances(queries, q, db, 0, db.size(), out);
        return out;
    }

    static void checkSameBits(BinaryCodes a, BinaryCodes b) {
        if (a.bits() != b.bits()) {
            throw new HashingException("bit lengths differ: " + a.bits() + "-bit codes against " + b.bits()
                    + "-bit codes");
        }
    }
}
