package org.hashing4j.core.index;

import java.nio.LongBuffer;
import java.util.List;

/**
 * The exhaustive-scan kernels: XOR the query with each stored code, count bits with
 * {@link Long#bitCount} (one POPCNT instruction), and hand the rare codes within the collector's
 * cut to the {@link TopKCollector}. The inner loop only compares and records; the cut test is almost
 * never true once the collector is full, so the loop runs at a few 10⁹ codes per second per core.
 *
 * <p>Heap chunks ({@code long[]}) and memory-mapped chunks ({@code LongBuffer}) have their own copies
 * of the kernels: reading a mapped buffer with absolute {@code get(i)} is as fast as an array when
 * the call site only ever sees one buffer class (measured 2.2·10⁹ codes/s either way here), whereas
 * copying blocks out first halved the speed, and one kernel over both storage classes (a bimorphic
 * call) ran 3–4 times slower.
 */
final class CodeScanner {
    /**
     * A unit of work: a single query split over threads takes blocks of 4 × BLOCK codes, and table
     * builds copy mapped codes out BLOCK at a time.
     */
    static final int BLOCK = 8192;
    /** Codes compared per run of the inner loop (see the kernels). */
    static final int HITS = 4096;

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
    static void scan(CodeStore store, long[] q, int qOff, int from, int to, TopKCollector tk) {
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
                mappedKernel(c.mappedWords, lo, hi, c.base, q, qOff, wpc, tk, deleted);
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

    /** {@link #kernel} for a mapped chunk: code i at {@code words.get(i*wpc..)}. */
    static void mappedKernel(LongBuffer words, int first, int end, int posOffset, long[] q, int qOff, int wpc,
            TopKCollector tk, long[] deleted) {
        switch (wpc) {
            case 1:
                mapped1(words, first, end, posOffset, q[qOff], tk, deleted);
                break;
            case 2:
                mapped2(words, first, end, posOffset, q[qOff], q[qOff + 1], tk, deleted);
                break;
            case 4:
                mapped4(words, first, end, posOffset, q[qOff], q[qOff + 1], q[qOff + 2], q[qOff + 3], tk, deleted);
                break;
            default:
                mappedN(words, first, end, posOffset, q, qOff, wpc, tk, deleted);
        }
    }

    private static boolean live(long[] deleted, int p) {
        return deleted == null || (deleted[p >>> 6] & (1L << p)) == 0;
    }

    /*
     * Each kernel walks its range in runs of HITS codes. The inner loop only compares and records the
     * (rare) codes within the cut in tk.hits; it contains no call, so the JIT unrolls it fully (a call
     * in the loop, even on a rarely taken branch, measured about 40% slower here). The recorded codes
     * are then re-measured and offered, which also updates the cut for the next run.
     */

    private static void scan1(long[] w, int first, int end, int posOffset, long q0, TopKCollector tk,
            long[] deleted) {
        int[] hits = tk.hits;
        for (int b = first; b < end; ) {
            int e = end - b > HITS ? b + HITS : end;
            int cut = tk.cut();
            int n = 0;
            for (int i = b; i < e; i++) {
                if (Long.bitCount(q0 ^ w[i]) <= cut) {
                    hits[n++] = i;
                }
            }
            for (int j = 0; j < n; j++) {
                int i = hits[j];
                int d = Long.bitCount(q0 ^ w[i]);
                int p = posOffset + i;
                if (d <= tk.cut() && live(deleted, p)) {
                    tk.offer(p, d);
                }
            }
            b = e;
        }
    }

    private static void scan2(long[] w, int first, int end, int posOffset, long q0, long q1, TopKCollector tk,
            long[] deleted) {
        int[] hits = tk.hits;
        for (int b = first; b < end; ) {
            int e = end - b > HITS ? b + HITS : end;
            int cut = tk.cut();
            int n = 0;
            for (int i = b; i < e; i++) {
                int x = i << 1;
                if (Long.bitCount(q0 ^ w[x]) + Long.bitCount(q1 ^ w[x + 1]) <= cut) {
                    hits[n++] = i;
                }
            }
            for (int j = 0; j < n; j++) {
                int i = hits[j];
                int x = i << 1;
                int d = Long.bitCount(q0 ^ w[x]) + Long.bitCount(q1 ^ w[x + 1]);
                int p = posOffset + i;
                if (d <= tk.cut() && live(deleted, p)) {
                    tk.offer(p, d);
                }
            }
            b = e;
        }
    }

    private static void scan4(long[] w, int first, int end, int posOffset, long q0, long q1, long q2, long q3,
            TopKCollector tk, long[] deleted) {
        int[] hits = tk.hits;
        for (int b = first; b < end; ) {
            int e = end - b > HITS ? b + HITS : end;
            int cut = tk.cut();
            int n = 0;
            for (int i = b; i < e; i++) {
                int x = i << 2;
                if (Long.bitCount(q0 ^ w[x]) + Long.bitCount(q1 ^ w[x + 1]) + Long.bitCount(q2 ^ w[x + 2])
                        + Long.bitCount(q3 ^ w[x + 3]) <= cut) {
                    hits[n++] = i;
                }
            }
            for (int j = 0; j < n; j++) {
                int i = hits[j];
                int x = i << 2;
                int d = Long.bitCount(q0 ^ w[x]) + Long.bitCount(q1 ^ w[x + 1]) + Long.bitCount(q2 ^ w[x + 2])
                        + Long.bitCount(q3 ^ w[x + 3]);
                int p = posOffset + i;
                if (d <= tk.cut() && live(deleted, p)) {
                    tk.offer(p, d);
                }
            }
            b = e;
        }
    }

    private static void scanN(long[] w, int first, int end, int posOffset, long[] q, int qOff, int wpc,
            TopKCollector tk, long[] deleted) {
        int[] hits = tk.hits;
        for (int b = first; b < end; ) {
            int e = end - b > HITS ? b + HITS : end;
            int cut = tk.cut();
            int n = 0;
            for (int i = b; i < e; i++) {
                int x = i * wpc;
                int d = 0;
                for (int j = 0; j < wpc; j++) {
                    d += Long.bitCount(q[qOff + j] ^ w[x + j]);
                }
                if (d <= cut) {
                    hits[n++] = i;
                }
            }
            for (int h = 0; h < n; h++) {
                int i = hits[h];
                int x = i * wpc;
                int d = 0;
                for (int j = 0; j < wpc; j++) {
                    d += Long.bitCount(q[qOff + j] ^ w[x + j]);
                }
                int p = posOffset + i;
                if (d <= tk.cut() && live(deleted, p)) {
                    tk.offer(p, d);
                }
            }
            b = e;
        }
    }

    // The same kernels over a mapped buffer (see the class comment for why they are copies).

    private static void mapped1(LongBuffer w, int first, int end, int posOffset, long q0, TopKCollector tk,
            long[] deleted) {
        int[] hits = tk.hits;
        for (int b = first; b < end; ) {
            int e = end - b > HITS ? b + HITS : end;
            int cut = tk.cut();
            int n = 0;
            // Counting from 0 with get(b + i) measured ~20% faster on mapped buffers than i = b..e.
            for (int i = 0, len = e - b; i < len; i++) {
                if (Long.bitCount(q0 ^ w.get(b + i)) <= cut) {
                    hits[n++] = b + i;
                }
            }
            for (int j = 0; j < n; j++) {
                int i = hits[j];
                int d = Long.bitCount(q0 ^ w.get(i));
                int p = posOffset + i;
                if (d <= tk.cut() && live(deleted, p)) {
                    tk.offer(p, d);
                }
            }
            b = e;
        }
    }

    private static void mapped2(LongBuffer w, int first, int end, int posOffset, long q0, long q1, TopKCollector tk,
            long[] deleted) {
        int[] hits = tk.hits;
        for (int b = first; b < end; ) {
            int e = end - b > HITS ? b + HITS : end;
            int cut = tk.cut();
            int n = 0;
            for (int j0 = 0, len = e - b; j0 < len; j0++) {
                int i = b + j0;
                int x = i << 1;
                if (Long.bitCount(q0 ^ w.get(x)) + Long.bitCount(q1 ^ w.get(x + 1)) <= cut) {
                    hits[n++] = i;
                }
            }
            for (int j = 0; j < n; j++) {
                int i = hits[j];
                int x = i << 1;
                int d = Long.bitCount(q0 ^ w.get(x)) + Long.bitCount(q1 ^ w.get(x + 1));
                int p = posOffset + i;
                if (d <= tk.cut() && live(deleted, p)) {
                    tk.offer(p, d);
                }
            }
            b = e;
        }
    }

    private static void mapped4(LongBuffer w, int first, int end, int posOffset, long q0, long q1, long q2, long q3,
            TopKCollector tk, long[] deleted) {
        int[] hits = tk.hits;
        for (int b = first; b < end; ) {
            int e = end - b > HITS ? b + HITS : end;
            int cut = tk.cut();
            int n = 0;
            for (int j0 = 0, len = e - b; j0 < len; j0++) {
                int i = b + j0;
                int x = i << 2;
                if (Long.bitCount(q0 ^ w.get(x)) + Long.bitCount(q1 ^ w.get(x + 1)) + Long.bitCount(q2 ^ w.get(x + 2))
                        + Long.bitCount(q3 ^ w.get(x + 3)) <= cut) {
                    hits[n++] = i;
                }
            }
            for (int j = 0; j < n; j++) {
                int i = hits[j];
                int x = i << 2;
                int d = Long.bitCount(q0 ^ w.get(x)) + Long.bitCount(q1 ^ w.get(x + 1)) + Long.bitCount(q2 ^ w.get(x + 2))
                        + Long.bitCount(q3 ^ w.get(x + 3));
                int p = posOffset + i;
                if (d <= tk.cut() && live(deleted, p)) {
                    tk.offer(p, d);
                }
            }
            b = e;
        }
    }

    private static void mappedN(LongBuffer w, int first, int end, int posOffset, long[] q, int qOff, int wpc,
            TopKCollector tk, long[] deleted) {
        int[] hits = tk.hits;
        for (int b = first; b < end; ) {
            int e = end - b > HITS ? b + HITS : end;
            int cut = tk.cut();
            int n = 0;
            for (int j0 = 0, len = e - b; j0 < len; j0++) {
                int i = b + j0;
                int x = i * wpc;
                int d = 0;
                for (int j = 0; j < wpc; j++) {
                    d += Long.bitCount(q[qOff + j] ^ w.get(x + j));
                }
                if (d <= cut) {
                    hits[n++] = i;
                }
            }
            for (int h = 0; h < n; h++) {
                int i = hits[h];
                int x = i * wpc;
                int d = 0;
                for (int j = 0; j < wpc; j++) {
                    d += Long.bitCount(q[qOff + j] ^ w.get(x + j));
                }
                int p = posOffset + i;
                if (d <= tk.cut() && live(deleted, p)) {
                    tk.offer(p, d);
                }
            }
            b = e;
        }
    }
}
