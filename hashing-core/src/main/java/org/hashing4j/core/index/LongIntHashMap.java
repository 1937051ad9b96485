package org.hashing4j.core.index;

import java.util.Arrays;

/**
 * A map from non-negative {@code long} keys to {@code int} values: open addressing with linear
 * probing, deletion by backward shift (no tombstones). Used for id → position (12 bytes of payload
 * per entry instead of the ~60 a {@code HashMap<Long,Integer>} takes) and for substring key →
 * bucket. Not thread-safe.
 */
final class LongIntHashMap {
    /** Marks an empty slot; keys are never negative. */
    private static final long EMPTY = -1L;
    static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    LongIntHashMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, (int) Math.min(1 << 30, expected * 2L + 1)) - 1) << 1;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        values = new int[cap];
        mask = cap - 1;
    }

    /** A well-mixed slot for a key (the finaliser of MurmurHash3's 64-bit variant). */
    private int slot(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    int size() {
        return size;
    }

    /** The value for {@code key}, or {@link #MISSING}. */
    int get(long key) {
        int s = slot(key);
        while (true) {
            long k = keys[s];
            if (k == key) {
                return values[s];
            }
            if (k == EMPTY) {
                return MISSING;
            }
            s = (s + 1) & mask;
        }
    }

    /** Puts {@code key → value}; returns the previous value or {@link #MISSING}. */
    int put(long key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        if ((size + 1) * 2L > keys.length) {
            grow();
        }
        int s = slot(key);
        while (true) {
            long k = keys[s];
            if (k == key) {
                int old = values[s];
                values[s] = value;
                return old;
            }
            if (k == EMPTY) {
                keys[s] = key;
                values[s] = value;
                size++;
                return MISSING;
            }
            s = (s + 1) & mask;
        }
    }

    /** Removes {@code key}; returns its value or {@link #MISSING}. */
    int remove(long key) {
        int s = slot(key);
        while (true) {
            long k = keys[s];
            if (k == EMPTY) {
                return MISSING;
            }
            if (k == key) {
                break;
            }
            s = (s + 1) & mask;
        }
        int old = values[s];
        // Backward-shift: move later entries of the probe run into the hole when their home slot
        // allows it, so lookups never need tombstones.
        int hole = s;
        int next = (hole + 1) & mask;
        while (keys[next] != EMPTY) {
            int home = slot(keys[next]);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = EMPTY;
        size--;
        return old;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Approximate heap bytes of the tables. */
    long bytes() {
        return keys.length * 12L;
    }
}
