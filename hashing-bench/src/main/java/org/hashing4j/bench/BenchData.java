package org.hashing4j.bench;

import java.util.SplittableRandom;
import org.hashing4j.core.BinaryCodes;

/**
 * The codes the benchmarks search, generated from a seed.
 *
 * <ul>
 *   <li><b>random</b>: every bit an independent fair coin, for database and queries alike. The
 *       hardest case for multi-index hashing: the k-th neighbour is far (about 13 bits for k = 10 at
 *       10M 64-bit codes), so MIH falls back to the scan for top-k.</li>
 *   <li><b>clustered</b>: {@value #CENTRES} random centre codes; every database code copies a centre
 *       chosen uniformly and flips 0 to {@value #MAX_FLIPS} random bits (uniformly many), so each
 *       centre has n / 4096 codes within 4 bits (about 2,400 at 10M). Queries are drawn the same way,
 *       independently of the database: near a centre, never a stored code by construction. This
 *       models a trained hash function on data with many near-duplicates or tight classes, where
 *       Hamming search is used for what it is good at: near neighbours.</li>
 * </ul>
 */
public final class BenchData {
    /** Cluster centres of the clustered data. */
    public static final int CENTRES = 4096;
    /** Largest number of bits flipped away from a centre. */
    public static final int MAX_FLIPS = 4;

    private BenchData() {
    }

    /** {@code n} database codes of the given kind ("random" or "clustered"). */
    public static BinaryCodes database(String kind, int n, int bits, long seed) {
        return generate(kind, n, bits, seed, 1);
    }

    /** {@code n} query codes drawn like the database but independently of it. */
    public static BinaryCodes queries(String kind, int n, int bits, long seed) {
        return generate(kind, n, bits, seed, 2);
    }

    private static BinaryCodes generate(String kind, int n, int bits, long seed, int stream) {
        int wpc = BinaryCodes.wordsFor(bits);
        long tail = (bits & 63) == 0 ? -1L : -1L << (64 - (bits & 63));
        long[] centres = null;
        if (kind.equals("clustered")) {
            SplittableRandom c = new SplittableRandom(seed);
            centres = new long[CENTRES * wpc];
            for (int i = 0; i < centres.length; i++) {
                centres[i] = c.nextLong();
            }
            for (int i = 0; i < CENTRES; i++) {
                centres[i * wpc + wpc - 1] &= tail;
            }
        } else if (!kind.equals("random")) {
            throw new IllegalArgumentException("data must be random or clustered, got " + kind);
        }
        SplittableRandom rnd = new SplittableRandom(seed * 31 + stream);
        long[] w = new long[n * wpc];
        for (int i = 0; i < n; i++) {
            int o = i * wpc;
            if (centres == null) {
                for (int j = 0; j < wpc; j++) {
                    w[o + j] = rnd.nextLong();
                }
            } else {
                System.arraycopy(centres, rnd.nextInt(CENTRES) * wpc, w, o, wpc);
                int flips = rnd.nextInt(MAX_FLIPS + 1);
                for (int f = 0; f < flips; f++) {
                    int b = rnd.nextInt(bits);
                    w[o + (b >>> 6)] ^= 1L << (63 - (b & 63));
                }
            }
            w[o + wpc - 1] &= tail;
        }
        return BinaryCodes.fromWords(n, bits, w);
    }
}
