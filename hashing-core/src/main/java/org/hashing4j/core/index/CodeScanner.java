package org.hashing4j.core.index;

import java.util.List;

/**
 * The exhaustive-scan kernels: XOR the query with each stored code, count bits with
 * {@link Long#bitCount} (one POPCNT instruction), and hand the rare codes within the collector's
 * cut to the {@link TopKCollector}. The loop body is branch-free apart from that cut test, which is
 * almost never taken once the collector is full, so the JIT keeps the loop tight.
 *
 * <p>Heap chunks are scanned in place. Memory-mapped chunks are copied block by block into a small
 * reusable {@code long[]} (a memcpy, far cheaper than the popcounts) and scanned with the same
 * kernel, so one kernel serves both storages.
 */
final class CodeScanner {
    /** Codes per block copied out of a mapped chunk: 8192 × 8 bytes = 64 KiB for 64-bit codes. */
    static final int BLOCK = 8192;

    private CodeScanner() {
    }

    /** A scratch block big enough for {@link #BLOCK} codes. */
    static long[] newScratch(int wordsPerCode) {
        return new long[BLOCK * wordsPerCode];
    }

    /**
     * Offers every live position in {@code [from, to)} whose distance to the query
     * ({@code q[qOff..qOff+wpc)}) is within the collector's cut.
     */
    static void scan(CodeStore store, long[] q, int qOff, int from, int to, TopKCollector tk, long[] scratch) {
        int wpc = store.wordsPerCode();
        long[] deleted = store.deletedBits();
        List<CodeStore.Chunk> chunks = store.chunks();
        for (int ci = 0, nc = chunks.size(); ci < nc; ci++) {
            CodeStore.Chunk c = chunks.get(ci);
            int lo = Math.max(from, c.base) - c.base;
            int hi = Math.min(to, c.base + c.count) - c.base;
            if (lo >= hi) {
                continue;
            }
            if (c.isHeap()) {
                kernel(c.words, lo, hi, c.base, q, qOff, wpc, tk, deleted);
            } else {
                for (int b = lo; b < hi; b += BLOCK) {
                    int len = Math.min(BLOCK, hi - b);
                    c.mappedWords.get(b * wpc, scratch, 0, len * wpc);
                    kernel(scratch, 0, len, c.base + b, q, qOff, wpc, tk, deleted);
                }
            }
        }
    }

    /**
     * Codes {@code first..end-1} of {@code words} (code i at {@code words[i*wpc..]}) are positions
     * {@code posOffset + i}.
     */
    static void kernel(long[] words, int first, int end, int posOffset, long[] q, int qOff, int wpc,
            TopKCollector tk, long[] deleted) {
        switch (wpc) {
            case 1:
                scan1(words, first, end, posOffset, q[qOff], tk, deleted);
                break;
            case 2:
                scan2(words, first, end, posOffset, q[qOff], q[qOff + 1], tk, deleted);
                break;
            case 4:
                scan4(words, first, end, posOffset, q[qOff], q[qOff + 1], q[qOff + 2], q[qOff + 3], tk, deleted);
                break;
            default:
                scanN(words, first, end, posOffset, q, qOff, wpc, tk, deleted);
        }
    }

    private static boolean live(long[] deleted, int p) {
        return deleted == null || (deleted[p >>> 6] & (1L << p)) == 0;
    }

    private static void scan1(long[] w, int first, int end, int posOffset, long q0, TopKCollector tk,
            long[] deleted) {
        int cut = tk.cut();
        for (int i = first; i < end; i++) {
            int d = Long.bitCount(q0 ^ w[i]);
            if (d <= cut) {
                int p = posOffset + i;
                if (live(deleted, p)) {
                    cut = tk.offer(p, d);
                }
            }
        }
    }

    private static void scan2(long[] w, int first, int end, int posOffset, long q0, long q1, TopKCollector tk,
            long[] deleted) {
        int cut = tk.cut();
        for (int i = first; i < end; i++) {
            int b = i << 1;
            int d = Long.bitCount(q0 ^ w[b]) + Long.bitCount(q1 ^ w[b + 1]);
            if (d <= cut) {
                int p = posOffset + i;
                if (live(deleted, p)) {
                    cut = tk.offer(p, d);
                }
            }
        }
    }

    private static void scan4(long[] w, int first, int end, int posOffset, long q0, long q1, long q2, long q3,
            TopKCollector tk, long[] deleted) {
        int cut = tk.cut();
        for (int i = first; i < end; i++) {
            int b = i << 2;
            int d = Long.bitCount(q0 ^ w[b]) + Long.bitCount(q1 ^ w[b + 1]) + Long.bitCount(q2 ^ w[b + 2])
                    + Long.bitCount(q3 ^ w[b + 3]);
            if (d <= cut) {
                int p = posOffset + i;
                if (live(deleted, p)) {
                    cut = tk.offer(p, d);
                }
            }
        }
    }

    private static void scanN(long[] w, int first, int end, int posOffset, long[] q, int qOff, int wpc,
            TopKCollector tk, long[] deleted) {
        int cut = tk.cut();
        for (int i = first; i < end; i++) {
            int b = i * wpc;
            int d = 0;
            for (int j = 0; j < wpc; j++) {
                d += Long.bitCount(q[qOff + j] ^ w[b + j]);
            }
            if (d <= cut) {
                int p = posOffset + i;
                if (live(deleted, p)) {
                    cut = tk.offer(p, d);
                }
            }
        }
    }
}
