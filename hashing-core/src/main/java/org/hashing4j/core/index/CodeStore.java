package org.hashing4j.core.index;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;

/**
 * The codes and ids behind an index, addressed by <em>position</em> (0, 1, 2, … in insertion order).
 * Positions never move while items are added or removed (a removal only sets a bit in the
 * {@link #deletedBits() deleted set}), so search structures that refer to positions, such as the
 * multi-index hash tables, stay valid; {@link #compactIfSparse()} renumbers when most positions are
 * dead.
 *
 * <p>Storage is a list of {@link Chunk}s: heap chunks ({@code long[]}, grown by adds) and read-only
 * chunks memory-mapped from an index file, so a file larger than the heap can be searched. Codes are
 * packed exactly as in {@link BinaryCodes}: {@code wordsPerCode} longs per code, most significant bit
 * first, trailing bits zero.
 *
 * <p>Ids: while every position's id equals the position (the common case of ids chosen by the
 * index) no id map is kept; otherwise an open-addressing id → position map is built.
 *
 * <p>Not thread-safe; the owning index guards it with a read/write lock.
 */
final class CodeStore {
    /** Most positions one store can address (positions are {@code int}s). */
    static final int MAX_POSITIONS = Integer.MAX_VALUE - 64;

    private final int bits;
    private final int wpc;
    private final ArrayList<Chunk> chunks = new ArrayList<>();
    private int positions;
    private int deletedCount;
    private long[] deleted = new long[0];
    private boolean identityIds = true;
    private LongIntHashMap idToPos;
    /** One above the largest id ever stored; where automatic ids start. */
    private long nextAutoId;

    /** A run of consecutive positions stored in one place. */
    static final class Chunk {
        final int base;
        int count;
        /** Heap storage (null for a mapped chunk); {@code words.length >= count * wpc}. */
        long[] words;
        long[] ids;
        /** Mapped storage (null for a heap chunk), little-endian, read-only. */
        final LongBuffer mappedWords;
        final LongBuffer mappedIds;
        /** Paths of the items of a mapped chunk, or null. */
        final PathTable paths;

        Chunk(int base, long[] words, long[] ids, int count) {
            this.base = base;
            this.words = words;
            this.ids = ids;
            this.count = count;
            this.mappedWords = null;
            this.mappedIds = null;
            this.paths = null;
        }

        Chunk(int base, LongBuffer words, LongBuffer ids, int count, PathTable paths) {
            this.base = base;
            this.mappedWords = words;
            this.mappedIds = ids;
            this.count = count;
            this.paths = paths;
        }

        boolean isHeap() {
            return words != null;
        }

        long id(int local) {
            return words != null ? ids[local] : mappedIds.get(local);
        }
    }

    /** Item paths of a mapped chunk: count+1 offsets into a UTF-8 blob. */
    static final class PathTable {
        private final LongBuffer offsets;
        private final ByteBuffer blob;

        PathTable(LongBuffer offsets, ByteBuffer blob) {
            this.offsets = offsets;
            this.blob = blob;
        }

        String path(int local) {
            int from = (int) offsets.get(local);
            int to = (int) offsets.get(local + 1);
            byte[] b = new byte[to - from];
            blob.get(from, b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    CodeStore(int bits) {
        if (bits < 1) {
            throw new HashingException("bit length must be >= 1, got " + bits);
        }
        this.bits = bits;
        this.wpc = BinaryCodes.wordsFor(bits);
    }

    int bits() {
        return bits;
    }

    int wordsPerCode() {
        return wpc;
    }

    /** Positions in use, removed ones included. */
    int positions() {
        return positions;
    }

    /** Items not removed. */
    int live() {
        return positions - deletedCount;
    }

    int deletedCount() {
        return deletedCount;
    }

    /** The deleted-position bit set (bit p of word p/64), or null when nothing was removed. */
    long[] deletedBits() {
        return deletedCount == 0 ? null : deleted;
    }

    boolean isDeleted(int p) {
        return deletedCount != 0 && (deleted[p >>> 6] & (1L << p)) != 0;
    }

    List<Chunk> chunks() {
        return chunks;
    }

    long nextAutoId() {
        return nextAutoId;
    }

    void raiseNextAutoId(long next) {
        nextAutoId = Math.max(nextAutoId, next);
    }

    /** The chunk holding position {@code p}. */
    Chunk chunkOf(int p) {
        int n = chunks.size();
        Chunk last = chunks.get(n - 1);
        if (p >= last.base) {
            return last;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks.get(mid).base <= p) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return chunks.get(lo);
    }

    long idAt(int p) {
        if (identityIds) {
            return p;
        }
        Chunk c = chunkOf(p);
        return c.id(p - c.base);
    }

    /** Copies code {@code p}'s words into {@code out[off..off+wpc)}. */
    void codeAt(int p, long[] out, int off) {
        Chunk c = chunkOf(p);
        int local = p - c.base;
        if (c.words != null) {
            System.arraycopy(c.words, local * wpc, out, off, wpc);
        } else {
            c.mappedWords.get(local * wpc, out, off, wpc);
        }
    }

    /** Receives stored codes one at a time (see {@link #forEachLive}). */
    interface CodeVisitor {
        /** Code of position {@code p} is {@code words[off..off+wordsPerCode)}. */
        void visit(int p, long[] words, int off);
    }

    /** Visits every live position in {@code [from, to)} in order; mapped chunks go through {@code scratch}. */
    void forEachLive(int from, int to, long[] scratch, CodeVisitor visitor) {
        int blockCodes = scratch.length / wpc;
        for (Chunk c : chunks) {
            int lo = Math.max(from, c.base) - c.base;
            int hi = Math.min(to, c.base + c.count) - c.base;
            for (int b = lo; b < hi; b += blockCodes) {
                int len = Math.min(blockCodes, hi - b);
                long[] src;
                int base;
                if (c.isHeap()) {
                    src = c.words;
                    base = b;
                } else {
                    c.mappedWords.get(b * wpc, scratch, 0, len * wpc);
                    src = scratch;
                    base = 0;
                }
                for (int i = 0; i < len; i++) {
                    int p = c.base + b + i;
                    if (!isDeleted(p)) {
                        visitor.visit(p, src, (base + i) * wpc);
                    }
                }
            }
        }
    }

    /** The stored path of position {@code p}, or null. */
    String pathAt(int p) {
        Chunk c = chunkOf(p);
        if (c.paths == null) {
            return null;
        }
        String s = c.paths.path(p - c.base);
        return s.isEmpty() ? null : s;
    }

    /** Position of a live id, or -1. */
    int positionOf(long id) {
        if (id < 0) {
            return -1;
        }
        if (identityIds) {
            return id < positions && !isDeleted((int) id) ? (int) id : -1;
        }
        int p = idToPos.get(id);
        return p == LongIntHashMap.MISSING ? -1 : p;
    }

    boolean contains(long id) {
        return positionOf(id) >= 0;
    }

    /** Live ids in position order. */
    long[] liveIds() {
        long[] out = new long[live()];
        int j = 0;
        for (int p = 0; p < positions; p++) {
            if (!isDeleted(p)) {
                out[j++] = idAt(p);
            }
        }
        return out;
    }

    /**
     * Checks ids for an add of {@code count} codes: non-negative, distinct, not stored. Throws a
     * {@link HashingException} naming the first offender; changes nothing.
     */
    void checkNewIds(long[] ids, int count) {
        if (ids.length != count) {
            throw new HashingException(ids.length + " ids given for " + count + " codes");
        }
        if ((long) positions + count > MAX_POSITIONS) {
            throw new HashingException("index would hold " + ((long) positions + count) + " positions, more than "
                    + MAX_POSITIONS);
        }
        for (int i = 0; i < count; i++) {
            if (ids[i] < 0) {
                throw new HashingException("id " + ids[i] + " (item " + i + ") is negative; ids must be >= 0");
            }
            if (contains(ids[i])) {
                throw new HashingException("id " + ids[i] + " (item " + i + ") is already in the index");
            }
        }
        long dup = firstDuplicate(ids);
        if (dup >= 0) {
            throw new HashingException("id " + dup + " is given twice");
        }
    }

    /** The smallest value occurring twice, or -1 (values are non-negative). */
    static long firstDuplicate(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return sorted[i];
            }
        }
        return -1;
    }

    /** Ids for {@code count} codes added without ids. */
    long[] autoIds(int count) {
        if (nextAutoId > Long.MAX_VALUE - count) {
            throw new HashingException("automatic ids would overflow past " + Long.MAX_VALUE);
        }
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = nextAutoId + i;
        }
        return ids;
    }

    /** Appends codes with ids already checked by {@link #checkNewIds}. */
    void append(BinaryCodes codes, long[] ids) {
        if (codes.bits() != bits) {
            throw new IllegalStateException("bit length mismatch");
        }
        int n = codes.size();
        if (n == 0) {
            return;
        }
        long[] words = codes.toWords();
        Chunk c = heapChunkWithRoom(n);
        System.arraycopy(words, 0, c.words, c.count * wpc, n * wpc);
        System.arraycopy(ids, 0, c.ids, c.count, n);
        c.count += n;
        registerIds(positions, ids, n);
        positions += n;
    }

    /**
     * Appends a read-only mapped chunk (from an index file). Duplicate ids (the file is corrupt) are
     * reported by returning the duplicate, with nothing changed; -1 on success.
     */
    long appendMapped(LongBuffer words, LongBuffer ids, int count, PathTable paths) {
        if (count == 0) {
            return -1;
        }
        if ((long) positions + count > MAX_POSITIONS) {
            throw new HashingException("index holds more than " + MAX_POSITIONS + " positions");
        }
        long[] idArray = new long[count];
        ids.get(0, idArray, 0, count);
        for (int i = 0; i < count; i++) {
            if (idArray[i] < 0 || contains(idArray[i])) {
                return idArray[i] < 0 ? Long.MIN_VALUE : idArray[i];
            }
        }
        long dup = firstDuplicate(idArray);
        if (dup >= 0) {
            return dup;
        }
        chunks.add(new Chunk(positions, words, ids, count, paths));
        registerIds(positions, idArray, count);
        positions += count;
        return -1;
    }

    private void registerIds(int firstPosition, long[] ids, int n) {
        ensureDeletedCapacity(firstPosition + n);
        long max = -1;
        boolean identity = identityIds;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, ids[i]);
            if (identity && ids[i] != firstPosition + i) {
                identity = false;
            }
        }
        nextAutoId = Math.max(nextAutoId, max + 1);
        if (identityIds && !identity) {
            // First id that differs from its position: from now on look ids up in a map.
            identityIds = false;
            idToPos = new LongIntHashMap(Math.max(16, live() + n));
            for (int p = 0; p < firstPosition; p++) {
                if (!isDeleted(p)) {
                    idToPos.put(p, p);
                }
            }
        }
        if (!identityIds) {
            for (int i = 0; i < n; i++) {
                idToPos.put(ids[i], firstPosition + i);
            }
        }
    }

    private Chunk heapChunkWithRoom(int n) {
        long maxCodes = (Integer.MAX_VALUE - 16) / wpc;
        Chunk last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
        if (last != null && last.isHeap() && last.count + (long) n <= maxCodes) {
            int needed = last.count + n;
            if (last.ids.length < needed) {
                int cap = (int) Math.min(maxCodes, Math.max(needed, last.ids.length + (long) (last.ids.length >> 1)));
                last.words = Arrays.copyOf(last.words, cap * wpc);
                last.ids = Arrays.copyOf(last.ids, cap);
            }
            return last;
        }
        if (n > maxCodes) {
            throw new HashingException("cannot add " + n + " codes of " + bits + " bits at once; add at most "
                    + maxCodes + " per call");
        }
        Chunk c = new Chunk(positions, new long[n * wpc], new long[n], 0);
        chunks.add(c);
        return c;
    }

    private void ensureDeletedCapacity(int nPositions) {
        int words = (nPositions + 63) >>> 6;
        if (deleted.length < words) {
            deleted = Arrays.copyOf(deleted, Math.max(words, deleted.length + (deleted.length >> 1)));
        }
    }

    /**
     * Checks that every id is live and listed once; returns their positions. Changes nothing.
     */
    int[] positionsForRemoval(long[] ids) {
        int[] pos = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            pos[i] = positionOf(ids[i]);
            if (pos[i] < 0) {
                throw new HashingException("id " + ids[i] + " is not in the index; nothing removed");
            }
        }
        long dup = firstDuplicate(ids);
        if (dup >= 0) {
            throw new HashingException("id " + dup + " is listed twice for removal; nothing removed");
        }
        return pos;
    }

    /** Removes the items at positions from {@link #positionsForRemoval}. */
    void delete(int[] pos) {
        for (int p : pos) {
            if (!identityIds) {
                idToPos.remove(idAt(p));
            }
            deleted[p >>> 6] |= 1L << p;
            deletedCount++;
        }
    }

    /** Whether every chunk lives on the heap (nothing mapped from a file). */
    boolean allHeap() {
        for (Chunk c : chunks) {
            if (!c.isHeap()) {
                return false;
            }
        }
        return true;
    }

    /**
     * When more than half of the positions are removed and everything lives on the heap, copies the
     * live items into one new chunk, renumbering positions. Mapped chunks are never rewritten here
     * (rewriting the file with {@link IndexFile#write} compacts it).
     *
     * @return whether positions changed
     */
    boolean compactIfSparse() {
        if (deletedCount == 0 || deletedCount * 2L <= positions || !allHeap()) {
            return false;
        }
        int n = live();
        long[] words = new long[Math.max(1, n) * wpc];
        long[] ids = new long[Math.max(1, n)];
        int j = 0;
        for (Chunk c : chunks) {
            for (int i = 0; i < c.count; i++) {
                int p = c.base + i;
                if (!isDeleted(p)) {
                    System.arraycopy(c.words, i * wpc, words, j * wpc, wpc);
                    ids[j++] = c.ids[i];
                }
            }
        }
        long keepNext = nextAutoId;
        chunks.clear();
        positions = 0;
        deletedCount = 0;
        deleted = new long[0];
        identityIds = true;
        idToPos = null;
        if (n > 0) {
            chunks.add(new Chunk(0, words, ids, 0));
            chunks.get(0).count = n;
            registerIds(0, ids, n);
            positions = n;
        }
        nextAutoId = keepNext;
        return true;
    }

    /** The live codes under {@code ids}, in that order. */
    BinaryCodes codesOf(long[] ids) {
        long[] out = new long[ids.length * wpc];
        for (int i = 0; i < ids.length; i++) {
            int p = positionOf(ids[i]);
            if (p < 0) {
                throw new HashingException("id " + ids[i] + " is not in the index");
            }
            codeAt(p, out, i * wpc);
        }
        return BinaryCodes.fromWords(ids.length, bits, out);
    }

    /** Approximate heap bytes held (codes, ids, id map, deleted set); mapped chunks count zero. */
    long heapBytes() {
        long b = deleted.length * 8L;
        for (Chunk c : chunks) {
            if (c.isHeap()) {
                b += c.words.length * 8L + c.ids.length * 8L;
            }
        }
        if (idToPos != null) {
            b += idToPos.bytes();
        }
        return b;
    }
}
