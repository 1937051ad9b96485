package org.hashing4j.core.index;

import java.util.Arrays;

/**
 * One hash table of multi-index hashing: the stored positions grouped by the value of one substring
 * (bits {@code start .. start+len-1}) of their codes. Bucket {@code b} holds
 * {@code items[starts[b] .. starts[b+1]-1]}, in position order.
 *
 * <p>Short substrings use direct addressing (bucket = substring value, an offsets array of
 * 2<sup>len</sup>+1 ints); longer ones, whose value range would dwarf the item count, map the values
 * present to dense bucket numbers with an open-addressing table. Both layouts are flat arrays (about
 * 4 bytes per item plus the buckets), built in two counting passes without sorting.
 */
final class SubstringTable {
    /** Longest substring supported; the default substring count keeps them near log2(n). */
    static final int MAX_BITS = 32;

    final int start;
    final int len;
    private final int[] starts;
    private final int[] items;
    /** Null for direct addressing. */
    private final LongIntHashMap keyToBucket;

    private SubstringTable(int start, int len, int[] starts, int[] items, LongIntHashMap keyToBucket) {
        this.start = start;
        this.len = len;
        this.starts = starts;
        this.items = items;
        this.keyToBucket = keyToBucket;
    }

    /** Bits {@code start..start+len-1} of the code at {@code code[off..]} as a number (first bit highest). */
    static long extract(long[] code, int off, int start, int len) {
        int w = start >>> 6;
        int s = start & 63;
        long v = code[off + w] << s;
        if (s + len > 64) {
            v |= code[off + w + 1] >>> (64 - s);
        }
        return v >>> (64 - len);
    }

    /** Bucket of a substring value, or -1 when no item has it. */
    int bucket(long key) {
        if (keyToBucket == null) {
            return starts[(int) key] == starts[(int) key + 1] ? -1 : (int) key;
        }
        return keyToBucket.get(key);
    }

    int bucketStart(int b) {
        return starts[b];
    }

    int bucketEnd(int b) {
        return starts[b + 1];
    }

    int item(int i) {
        return items[i];
    }

    /** Items indexed. */
    int itemCount() {
        return items.length;
    }

    /** Expected items per probed value for uniformly spread codes (for the cost model). */
    double meanItemsPerValue() {
        return items.length / Math.pow(2, len);
    }

    long bytes() {
        return starts.length * 4L + items.length * 4L + (keyToBucket == null ? 0 : keyToBucket.bytes());
    }

    boolean direct() {
        return keyToBucket == null;
    }

    /**
     * Builds one table per substring over the live positions {@code [0, end)} of {@code store}.
     * Two passes over the codes: count bucket sizes, then place positions.
     */
    static SubstringTable[] build(CodeStore store, int end, int[] substringStart, int[] substringLen) {
        int m = substringStart.length;
        int wpc = store.wordsPerCode();
        int live = 0;
        for (int p = 0; p < end; p++) {
            if (!store.isDeleted(p)) {
                live++;
            }
        }
        boolean[] direct = new boolean[m];
        int[][] counts = new int[m][];
        LongIntHashMap[] maps = new LongIntHashMap[m];
        int[] buckets = new int[m];
        for (int t = 0; t < m; t++) {
            int len = substringLen[t];
            // Direct offsets cost 4·2^len bytes, the hashed layout about 28 bytes per distinct value;
            // up to 2^len ≈ 8 n direct is both smaller and faster.
            direct[t] = len <= 30 && (1L << len) <= 8L * live + 4096;
            if (direct[t]) {
                counts[t] = new int[(1 << len) + 1];
            } else {
                maps[t] = new LongIntHashMap(Math.min(live, 1 << 20));
                counts[t] = new int[1024];
            }
        }
        long[] scratch = CodeScanner.newScratch(wpc);
        // Pass 1: bucket sizes (counts[t][b + 1]).
        store.forEachLive(0, end, scratch, (p, words, off) -> {
            for (int t = 0; t < m; t++) {
                long key = extract(words, off, substringStart[t], substringLen[t]);
                int b;
                if (direct[t]) {
                    b = (int) key;
                } else {
                    b = maps[t].get(key);
                    if (b == LongIntHashMap.MISSING) {
                        b = buckets[t]++;
                        maps[t].put(key, b);
                        if (b + 2 > counts[t].length) {
                            counts[t] = Arrays.copyOf(counts[t], counts[t].length * 2);
                        }
                    }
                }
                counts[t][b + 1]++;
            }
        });
        int[][] fill = new int[m][];
        int[][] items = new int[m][];
        for (int t = 0; t < m; t++) {
            if (!direct[t]) {
                counts[t] = Arrays.copyOf(counts[t], buckets[t] + 1);
            }
            int[] c = counts[t];
            for (int b = 0; b + 1 < c.length; b++) {
                c[b + 1] += c[b];
            }
            fill[t] = Arrays.copyOf(c, c.length - 1);
            items[t] = new int[live];
        }
        // Pass 2: place the positions, bucket by bucket in position order.
        store.forEachLive(0, end, scratch, (p, words, off) -> {
            for (int t = 0; t < m; t++) {
                long key = extract(words, off, substringStart[t], substringLen[t]);
                int b = direct[t] ? (int) key : maps[t].get(key);
                items[t][fill[t][b]++] = p;
            }
        });
        SubstringTable[] tables = new SubstringTable[m];
        for (int t = 0; t < m; t++) {
            tables[t] = new SubstringTable(substringStart[t], substringLen[t], counts[t], items[t], maps[t]);
        }
        return tables;
    }
}
