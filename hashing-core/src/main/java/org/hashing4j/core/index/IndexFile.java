package org.hashing4j.core.index;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;

/**
 * The index file format ({@code .idx}): codes, ids and optional item paths, opened memory-mapped so a
 * set larger than the heap can be searched, with crash-safe in-place appends.
 *
 * <h2>Layout</h2> All numbers little-endian.
 * <pre>
 * offset 0     header slot A (128 bytes)
 * offset 128   header slot B (128 bytes)
 * offset 4096  segment, segment, ... (each 8-byte aligned), up to the header's data end
 *
 * header slot:  0 magic "H4JINDEX" | 8 version u32 | 12 bits u32 | 16 sequence u64 | 24 data end u64
 *               32 segment count u32 | 36 index kind u32 (0 exhaustive, 1 mih) | 40 substrings u32 (0 auto)
 *               48 live items u64 | 56 positions u64 | 64 next automatic id u64
 *               72 checksum u32 = CRC32 of all segment headers in order | 124 CRC32 of bytes 0..123
 * segment:      0 magic "H4JSEGMT" | 8 type u32 (1 add, 2 remove) | 12 flags u32 (1 = has paths)
 *               16 item count u64 | 24 payload length u64 | 32 CRC32 of the payload | 60 CRC32 of bytes 0..59
 *               then the payload:
 *               add:    codes (count × ⌈bits/64⌉ u64, packed as in {@link BinaryCodes}: most significant
 *                       bit first, trailing bits zero), ids (count × u64),
 *                       [paths: count+1 u64 offsets into a UTF-8 blob, then the blob]
 *               remove: ids (count × u64)
 * </pre>
 * The header's checksum covers the segment headers, each of which carries its payload's CRC32, so
 * together they cover every byte of data. Segments are kept under 1 GiB, so each maps into one
 * buffer (a {@code MappedByteBuffer} is limited to 2 GiB) and a file of any size maps as several
 * segments.
 *
 * <h2>Why appends are in place, and why that is crash-safe</h2>
 * A whole new file plus a rename would make every append cost the full index size. Instead an
 * append ({@link #append}, {@link #remove}) never touches committed bytes: it writes new segments
 * after the data end, forces them to disk, and only then commits by writing the header into the
 * <em>other</em> slot with the next sequence number and forcing again. A reader takes the valid slot
 * (magic and CRC correct) with the highest sequence. So a crash before the commit leaves the old
 * header, which ignores the half-written tail (the next append truncates it); a crash during the
 * commit leaves a slot whose CRC fails, and the previous slot still describes a complete file.
 * Processes that have the file mapped keep a consistent view because committed bytes never change.
 * Appends take an exclusive file lock. New files ({@link #create}, {@link #write}) are written to a
 * temporary file and renamed ({@link AtomicFiles}).
 *
 * <h2>Reading</h2>
 * {@link #open} checks the header, walks the segments, verifies every CRC (optional), and maps the
 * codes and ids; nothing is copied onto the heap but the id map (only when ids are not 0, 1, 2, …)
 * and the removed-set. A foreign file, a newer version, a truncated file or a failed checksum is
 * refused with a one-line {@link HashingException}. {@link #index()} then gives a searchable index
 * of the recorded kind over the mapped data; changes made to that index stay in memory.
 */
public final class IndexFile {
    /** Format version written and the newest one read. */
    public static final int VERSION = 1;
    static final byte[] MAGIC = "H4JINDEX".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SEGMENT_MAGIC = "H4JSEGMT".getBytes(StandardCharsets.US_ASCII);
    static final int SLOT_SIZE = 128;
    static final int DATA_START = 4096;
    static final int SEGMENT_HEADER = 64;
    static final int ADD = 1;
    static final int REMOVE = 2;
    static final int FLAG_PATHS = 1;
    /** Largest payload of one segment; package-private so tests can force many segments. */
    static long maxSegmentBytes = 1L << 30;

    private final Path file;
    private final Header header;
    private final CodeStore store;
    private final boolean hasPaths;
    private final int segments;
    private HammingIndex index;

    private IndexFile(Path file, Header header, CodeStore store, boolean hasPaths, int segments) {
        this.file = file;
        this.header = header;
        this.store = store;
        this.hasPaths = hasPaths;
        this.segments = segments;
    }

    // ------------------------------------------------------------------ reading

    /** Opens an index file, verifying every checksum. */
    public static IndexFile open(Path file) {
        return open(file, true);
    }

    /**
     * Opens an index file. With {@code verifyChecksums} false only the headers are checked (faster
     * for very large files; corruption inside the data then goes unnoticed).
     */
    public static IndexFile open(Path file, boolean verifyChecksums) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Scan scan = scan(ch, file, verifyChecksums, true);
            return new IndexFile(file, scan.header, scan.store, scan.hasPaths, scan.segmentCount);
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such index file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read index file (" + e.getMessage() + ")", e);
        }
    }

    /** Opens a file and returns its index (the recorded kind, one search thread per processor). */
    public static HammingIndex load(Path file) {
        return open(file).index();
    }

    /** The file this was read from. */
    public Path file() {
        return file;
    }

    /** Code length in bits. */
    public int bits() {
        return header.bits;
    }

    /** Live items in the file (added minus removed). */
    public int size() {
        return (int) header.live;
    }

    /** The index kind recorded at build time (what {@link #index()} builds). */
    public IndexKind kind() {
        return header.kind;
    }

    /** Substring count recorded for multi-index hashing (0 = automatic). */
    public int substrings() {
        return header.substrings;
    }

    /** Whether any item has a stored path. */
    public boolean hasPaths() {
        return hasPaths;
    }

    /** Number of segments (one per build chunk, append or removal). */
    public int segmentCount() {
        return segments;
    }

    /** Format version of the file. */
    public int version() {
        return header.version;
    }

    /** The searchable index of the recorded kind with one thread per processor (created once). */
    public synchronized HammingIndex index() {
        if (index == null) {
            index(header.kind, Runtime.getRuntime().availableProcessors());
        }
        return index;
    }

    /**
     * The searchable index over this file's data, of the given kind and search threads. It can be
     * created only once per {@code IndexFile}, because it shares the mapped store; changes made to it
     * are not written back (use {@link #append} and {@link #remove} for that).
     */
    public synchronized HammingIndex index(IndexKind kind, int threads) {
        if (index != null) {
            if (index.kind() != kind || index.threads() != threads) {
                throw new IllegalStateException("the index of " + file + " was already created as " + index);
            }
            return index;
        }
        index = kind == IndexKind.MULTI_INDEX ? new MultiIndexHashing(store, threads, header.substrings)
                : new ExhaustiveIndex(store, threads);
        return index;
    }

    /** The path stored with a live id, or null when the item has none or the id is unknown. */
    public String itemPath(long id) {
        if (index instanceof AbstractHammingIndex) {
            return ((AbstractHammingIndex) index).pathOf(id);
        }
        synchronized (this) {
            int p = store.positionOf(id);
            return p < 0 ? null : store.pathAt(p);
        }
    }

    @Override
    public String toString() {
        return file + ": hashing4j index v" + header.version + ", " + header.live + " codes of " + header.bits
                + " bits, kind " + header.kind + (header.kind == IndexKind.MULTI_INDEX
                ? " (" + (header.substrings == 0 ? "automatic" : String.valueOf(header.substrings)) + " substrings)" : "")
                + ", " + segments + " segment" + (segments == 1 ? "" : "s") + (hasPaths ? ", with paths" : "");
    }

    // ------------------------------------------------------------------ writing whole files

    /**
     * Writes a new index file (atomically: temporary file, then rename) holding {@code codes}.
     *
     * @param ids        one id per code ({@code >= 0}, distinct), or null for 0, 1, 2, …
     * @param paths      one path per code (e.g. the image file), or null
     * @param kind       the index kind {@link #index()} will build when the file is opened
     * @param substrings substring count for multi-index hashing, 0 for automatic
     */
    public static void create(Path file, BinaryCodes codes, long[] ids, List<String> paths, IndexKind kind,
            int substrings) {
        int n = codes.size();
        long[] theIds = ids;
        if (theIds == null) {
            theIds = new long[n];
            for (int i = 0; i < n; i++) {
                theIds[i] = i;
            }
        }
        CodeStore check = new CodeStore(codes.bits());
        check.checkNewIds(theIds, n);
        checkPaths(paths, n);
        checkSubstrings(codes.bits(), substrings);
        writeNew(file, codes.bits(), kind, substrings, Items.of(codes, theIds, paths), paths != null, maxId(theIds) + 1);
    }

    /**
     * Writes the live content of {@code index} (codes, ids, and paths of items that came from an
     * index file) to a new file, atomically. Removed items are dropped, so this also compacts a file
     * that had many removals.
     */
    public static void write(Path file, HammingIndex index) {
        int substrings = index instanceof MultiIndexHashing ? ((MultiIndexHashing) index).requestedSubstrings() : 0;
        if (!(index instanceof AbstractHammingIndex)) {
            long[] ids = index.ids();
            create(file, index.codes(ids), ids, null, index.kind(), substrings);
            return;
        }
        AbstractHammingIndex ai = (AbstractHammingIndex) index;
        ai.lock.readLock().lock();
        try {
            CodeStore st = ai.store;
            int[] livePositions = new int[st.live()];
            boolean anyPath = false;
            for (int p = 0, j = 0; p < st.positions(); p++) {
                if (!st.isDeleted(p)) {
                    livePositions[j++] = p;
                    anyPath |= st.chunkOf(p).paths != null;
                }
            }
            Items items = new Items() {
                @Override
                public int count() {
                    return livePositions.length;
                }

                @Override
                public void code(int i, long[] out) {
                    st.codeAt(livePositions[i], out, 0);
                }

                @Override
                public long id(int i) {
                    return st.idAt(livePositions[i]);
                }

                @Override
                public String path(int i) {
                    return st.pathAt(livePositions[i]);
                }
            };
            writeNew(file, st.bits(), index.kind(), substrings, items, anyPath, st.nextAutoId());
        } finally {
            ai.lock.readLock().unlock();
        }
    }

    /** The items of a segment to write. */
    private interface Items {
        int count();

        void code(int i, long[] out);

        long id(int i);

        /** The path or null. */
        String path(int i);

        /** The codes, ids and paths (or null) given to create or append. */
        static Items of(BinaryCodes codes, long[] ids, List<String> paths) {
            long[] words = codes.toWords();
            int wpc = codes.wordsPerCode();
            int n = codes.size();
            return new Items() {
                @Override
                public int count() {
                    return n;
                }

                @Override
                public void code(int i, long[] out) {
                    System.arraycopy(words, i * wpc, out, 0, wpc);
                }

                @Override
                public long id(int i) {
                    return ids[i];
                }

                @Override
                public String path(int i) {
                    return paths == null ? null : paths.get(i);
                }
            };
        }
    }

    /** The largest id, or -1 for none. */
    private static long maxId(long[] ids) {
        long max = -1;
        for (long id : ids) {
            max = Math.max(max, id);
        }
        return max;
    }

    private static void writeNew(Path file, int bits, IndexKind kind, int substrings, Items items, boolean withPaths,
            long nextAutoId) {
        int wpc = BinaryCodes.wordsFor(bits);
        List<int[]> ranges = splitIntoSegments(items, 0, items.count(), wpc, withPaths);
        List<byte[]> segHeaders = new ArrayList<>();
        long at = DATA_START;
        for (int[] r : ranges) {
            byte[] h = addSegmentHeader(items, r[0], r[1], wpc, withPaths);
            segHeaders.add(h);
            at = align8(at + SEGMENT_HEADER + payloadLength(h));
        }
        Header header = new Header(VERSION, bits, 1, at, ranges.size(), kind, substrings, items.count(),
                items.count(), nextAutoId, checksumOf(segHeaders), 0);
        try {
            AtomicFiles.write(file, out -> {
                byte[] head = new byte[DATA_START];
                System.arraycopy(header.toBytes(), 0, head, 0, SLOT_SIZE);
                out.write(head);
                long pos = DATA_START;
                for (int s = 0; s < ranges.size(); s++) {
                    byte[] h = segHeaders.get(s);
                    out.write(h);
                    writeAddPayload(out, items, ranges.get(s)[0], ranges.get(s)[1], wpc, withPaths);
                    long end = pos + SEGMENT_HEADER + payloadLength(h);
                    out.write(new byte[(int) (align8(end) - end)]);
                    pos = align8(end);
                }
            });
        } catch (UncheckedIOException e) {
            throw new HashingException(file + ": cannot write index file (" + e.getCause().getMessage() + ")", e);
        }
    }

    // ------------------------------------------------------------------ appending in place

    /**
     * Appends codes to an existing index file in place (crash-safe, see the class comment).
     *
     * @param ids   one new id per code, or null for automatic ids (continuing after the largest id
     *              the file has held)
     * @param paths one path per code, or null
     * @return the ids of the appended codes
     */
    public static long[] append(Path file, BinaryCodes codes, long[] ids, List<String> paths) {
        return modify(file, (ch, scan) -> {
            if (codes.bits() != scan.header.bits) {
                throw new HashingException("codes to append have " + codes.bits() + " bits but " + file + " holds "
                        + scan.header.bits + "-bit codes");
            }
            int n = codes.size();
            long[] theIds = ids == null ? scan.store.autoIds(n) : ids;
            scan.store.checkNewIds(theIds, n);
            checkPaths(paths, n);
            if (n == 0) {
                return theIds;
            }
            int wpc = codes.wordsPerCode();
            Items items = Items.of(codes, theIds, paths);
            long max = maxId(theIds);
            List<int[]> ranges = splitIntoSegments(items, 0, n, wpc, paths != null);
            List<byte[]> headers = new ArrayList<>(scan.segmentHeaders);
            long at = align8(scan.header.dataEnd);
            for (int[] r : ranges) {
                byte[] h = addSegmentHeader(items, r[0], r[1], wpc, paths != null);
                ChannelOut out = new ChannelOut(ch, at);
                out.write(h);
                writeAddPayload(out, items, r[0], r[1], wpc, paths != null);
                out.flush();
                headers.add(h);
                at = align8(at + SEGMENT_HEADER + payloadLength(h));
            }
            commit(ch, scan, headers, at, scan.header.live + n, scan.header.positions + n,
                    Math.max(scan.header.nextAutoId, max + 1));
            return theIds;
        });
    }

    /**
     * Removes items from an index file in place by appending a removal segment (crash-safe). Every
     * id must be live in the file and listed once; otherwise nothing changes.
     *
     * @return the number of items removed
     */
    public static int remove(Path file, long... ids) {
        long[] r = modify(file, (ch, scan) -> {
            scan.store.positionsForRemoval(ids);
            if (ids.length == 0) {
                return new long[] {0};
            }
            ByteBuffer payload = ByteBuffer.allocate(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long id : ids) {
                payload.putLong(id);
            }
            CRC32 crc = new CRC32();
            crc.update(payload.array());
            byte[] h = segmentHeader(REMOVE, 0, ids.length, payload.capacity(), (int) crc.getValue());
            long at = align8(scan.header.dataEnd);
            ch.write(ByteBuffer.wrap(h), at);
            writeFully(ch, ByteBuffer.wrap(payload.array()), at + SEGMENT_HEADER);
            List<byte[]> headers = new ArrayList<>(scan.segmentHeaders);
            headers.add(h);
            commit(ch, scan, headers, align8(at + SEGMENT_HEADER + payload.capacity()), scan.header.live - ids.length,
                    scan.header.positions, scan.header.nextAutoId);
            return new long[] {ids.length};
        });
        return (int) r[0];
    }

    private interface Modification {
        long[] apply(FileChannel ch, Scan scan) throws IOException;
    }

    private static long[] modify(Path file, Modification m) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            Scan scan = scan(ch, file, false, true);
            // Drop whatever a crashed append left after the committed data.
            if (ch.size() > scan.header.dataEnd) {
                ch.truncate(scan.header.dataEnd);
            }
            return m.apply(ch, scan);
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such index file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot update index file (" + e.getMessage() + ")", e);
        }
    }

    /** Forces the new segments to disk, then writes and forces the header into the other slot. */
    private static void commit(FileChannel ch, Scan scan, List<byte[]> segHeaders, long dataEnd, long live,
            long positions, long nextAutoId) throws IOException {
        ch.force(true);
        Header old = scan.header;
        int slot = 1 - old.slot;
        Header h = new Header(VERSION, old.bits, old.sequence + 1, dataEnd, segHeaders.size(), old.kind, old.substrings,
                live, positions, nextAutoId, checksumOf(segHeaders), slot);
        writeFully(ch, ByteBuffer.wrap(h.toBytes()), (long) slot * SLOT_SIZE);
        ch.force(true);
    }

    // ------------------------------------------------------------------ segments

    private static List<int[]> splitIntoSegments(Items items, int from, int to, int wpc, boolean withPaths) {
        List<int[]> ranges = new ArrayList<>();
        int start = from;
        long bytes = 0;
        for (int i = from; i < to; i++) {
            long item = 8L * wpc + 8 + (withPaths ? 8 + pathBytes(items.path(i)).length : 0);
            if (i > start && bytes + item > maxSegmentBytes) {
                ranges.add(new int[] {start, i});
                start = i;
                bytes = 0;
            }
            bytes += item;
        }
        if (to > start) {
            ranges.add(new int[] {start, to});
        }
        return ranges;
    }

    private static byte[] pathBytes(String path) {
        return path == null ? new byte[0] : path.getBytes(StandardCharsets.UTF_8);
    }

    /** The header of an add segment, with the payload's CRC computed by a first pass. */
    private static byte[] addSegmentHeader(Items items, int from, int to, int wpc, boolean withPaths)
            throws UncheckedIOException {
        CrcOut crc = new CrcOut();
        try {
            writeAddPayload(crc, items, from, to, wpc, withPaths);
            crc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return segmentHeader(ADD, withPaths ? FLAG_PATHS : 0, to - from, crc.length, (int) crc.crc.getValue());
    }

    private static void writeAddPayload(OutputStream out, Items items, int from, int to, int wpc, boolean withPaths)
            throws IOException {
        LongWriter w = new LongWriter(out);
        long[] code = new long[wpc];
        for (int i = from; i < to; i++) {
            items.code(i, code);
            for (long word : code) {
                w.put(word);
            }
        }
        for (int i = from; i < to; i++) {
            w.put(items.id(i));
        }
        if (withPaths) {
            long off = 0;
            w.put(0);
            for (int i = from; i < to; i++) {
                off += pathBytes(items.path(i)).length;
                w.put(off);
            }
            w.flush();
            for (int i = from; i < to; i++) {
                out.write(pathBytes(items.path(i)));
            }
        }
        w.flush();
    }

    private static byte[] segmentHeader(int type, int flags, long count, long payloadLength, int payloadCrc) {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SEGMENT_MAGIC);
        b.putInt(8, type).putInt(12, flags).putLong(16, count).putLong(24, payloadLength).putInt(32, payloadCrc);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 60);
        b.putInt(60, (int) crc.getValue());
        return b.array();
    }

    private static long payloadLength(byte[] segmentHeader) {
        return ByteBuffer.wrap(segmentHeader).order(ByteOrder.LITTLE_ENDIAN).getLong(24);
    }

    private static int checksumOf(List<byte[]> segHeaders) {
        CRC32 crc = new CRC32();
        for (byte[] h : segHeaders) {
            crc.update(h);
        }
        return (int) crc.getValue();
    }

    static long align8(long x) {
        return (x + 7) & ~7L;
    }

    private static void checkPaths(List<String> paths, int n) {
        if (paths != null && paths.size() != n) {
            throw new HashingException(paths.size() + " paths given for " + n + " codes");
        }
    }

    private static void checkSubstrings(int bits, int substrings) {
        if (substrings != 0) {
            new MultiIndexHashing(bits, 1, substrings); // validates the count, throws a clear error
        }
    }

    // ------------------------------------------------------------------ header

    /** One header slot. */
    private static final class Header {
        final int version;
        final int bits;
        final long sequence;
        final long dataEnd;
        final int segments;
        final IndexKind kind;
        final int substrings;
        final long live;
        final long positions;
        final long nextAutoId;
        final int checksum;
        final int slot;

        Header(int version, int bits, long sequence, long dataEnd, int segments, IndexKind kind, int substrings,
                long live, long positions, long nextAutoId, int checksum, int slot) {
            this.version = version;
            this.bits = bits;
            this.sequence = sequence;
            this.dataEnd = dataEnd;
            this.segments = segments;
            this.kind = kind;
            this.substrings = substrings;
            this.live = live;
            this.positions = positions;
            this.nextAutoId = nextAutoId;
            this.checksum = checksum;
            this.slot = slot;
        }

        byte[] toBytes() {
            ByteBuffer b = ByteBuffer.allocate(SLOT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC);
            b.putInt(8, version).putInt(12, bits).putLong(16, sequence).putLong(24, dataEnd).putInt(32, segments)
                    .putInt(36, kind == IndexKind.MULTI_INDEX ? 1 : 0).putInt(40, substrings).putLong(48, live)
                    .putLong(56, positions).putLong(64, nextAutoId).putInt(72, checksum);
            CRC32 crc = new CRC32();
            crc.update(b.array(), 0, SLOT_SIZE - 4);
            b.putInt(SLOT_SIZE - 4, (int) crc.getValue());
            return b.array();
        }

        /** Parses a slot; null when its magic or CRC is wrong. */
        static Header parse(byte[] bytes, int off, int slot) {
            if (!Arrays.equals(bytes, off, off + 8, MAGIC, 0, 8)) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, off, SLOT_SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
            CRC32 crc = new CRC32();
            crc.update(bytes, off, SLOT_SIZE - 4);
            if ((int) crc.getValue() != b.getInt(SLOT_SIZE - 4)) {
                return null;
            }
            int kind = b.getInt(36);
            return new Header(b.getInt(8), b.getInt(12), b.getLong(16), b.getLong(24), b.getInt(32),
                    kind == 1 ? IndexKind.MULTI_INDEX : IndexKind.EXHAUSTIVE, b.getInt(40), b.getLong(48),
                    b.getLong(56), b.getLong(64), b.getInt(72), slot);
        }
    }

    // ------------------------------------------------------------------ scanning a file

    /** What reading a file found. */
    private static final class Scan {
        Header header;
        CodeStore store;
        boolean hasPaths;
        int segmentCount;
        final List<byte[]> segmentHeaders = new ArrayList<>();
    }

    private static HashingException corrupt(Path file, String what) {
        return new HashingException(file + ": corrupt index file (" + what + ")");
    }

    private static Scan scan(FileChannel ch, Path file, boolean verify, boolean map) throws IOException {
        long size = ch.size();
        byte[] head = new byte[(int) Math.min(size, 2 * SLOT_SIZE)];
        readFully(ch, ByteBuffer.wrap(head), 0);
        boolean magicSeen = head.length >= 8 && Arrays.equals(head, 0, 8, MAGIC, 0, 8);
        if (size < 2 * SLOT_SIZE) {
            throw new HashingException(file + (magicSeen ? ": truncated index file (" + size + " bytes, the header alone needs "
                    + 2 * SLOT_SIZE + ")" : ": not a hashing4j index file (no H4JINDEX magic)"));
        }
        magicSeen |= Arrays.equals(head, SLOT_SIZE, SLOT_SIZE + 8, MAGIC, 0, 8);
        Header a = Header.parse(head, 0, 0);
        Header b = Header.parse(head, SLOT_SIZE, 1);
        Header h = a == null ? b : b == null ? a : (b.sequence > a.sequence ? b : a);
        if (h == null) {
            throw new HashingException(file + (magicSeen ? ": corrupt index file (both header copies fail their checksum)"
                    : ": not a hashing4j index file (no H4JINDEX magic)"));
        }
        if (h.version > VERSION || h.version < 1) {
            throw new HashingException(file + ": index file version " + h.version + " is not supported (this program reads 1 to "
                    + VERSION + ")");
        }
        if (h.bits < 1 || h.dataEnd < DATA_START || h.live < 0 || h.positions < h.live || h.positions > CodeStore.MAX_POSITIONS) {
            throw corrupt(file, "impossible header values");
        }
        if (size < h.dataEnd) {
            throw new HashingException(file + ": truncated index file (the header records " + h.dataEnd
                    + " bytes of data, the file has " + size + ")");
        }
        Scan scan = new Scan();
        scan.header = h;
        scan.store = new CodeStore(h.bits);
        int wpc = BinaryCodes.wordsFor(h.bits);
        long at = DATA_START;
        int seg = 0;
        ByteBuffer sh = ByteBuffer.allocate(SEGMENT_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        while (at < h.dataEnd) {
            if (at + SEGMENT_HEADER > h.dataEnd) {
                throw corrupt(file, "segment " + seg + " at offset " + at + " runs past the data end");
            }
            sh.clear();
            readFully(ch, sh, at);
            byte[] hb = sh.array().clone();
            CRC32 crc = new CRC32();
            crc.update(hb, 0, 60);
            if (!Arrays.equals(hb, 0, 8, SEGMENT_MAGIC, 0, 8) || (int) crc.getValue() != sh.getInt(60)) {
                throw corrupt(file, "bad header of segment " + seg + " at offset " + at);
            }
            int type = sh.getInt(8);
            int flags = sh.getInt(12);
            long count = sh.getLong(16);
            long length = sh.getLong(24);
            int payloadCrc = sh.getInt(32);
            long payload = at + SEGMENT_HEADER;
            if (length < 0 || count < 0 || payload + length > h.dataEnd) {
                throw corrupt(file, "segment " + seg + " at offset " + at + " runs past the data end");
            }
            if (verify) {
                verifyCrc(ch, file, payload, length, payloadCrc, seg, at);
            }
            if (type == ADD) {
                boolean paths = (flags & FLAG_PATHS) != 0;
                long base = count * 8L * (wpc + 1);
                if (count > Integer.MAX_VALUE || length < base + (paths ? 8 * (count + 1) : 0)) {
                    throw corrupt(file, "segment " + seg + " is shorter than its " + count + " items need");
                }
                if (map && count > 0) {
                    int n = (int) count;
                    LongBuffer words = mapLongs(ch, payload, count * wpc);
                    LongBuffer ids = mapLongs(ch, payload + count * wpc * 8L, count);
                    CodeStore.PathTable table = null;
                    if (paths) {
                        long offStart = payload + base;
                        LongBuffer offsets = mapLongs(ch, offStart, count + 1);
                        long blobStart = offStart + 8 * (count + 1);
                        long blobLen = payload + length - blobStart;
                        if (offsets.get(0) != 0 || offsets.get(n) != blobLen) {
                            throw corrupt(file, "path table of segment " + seg + " does not match its size");
                        }
                        ByteBuffer blob = ch.map(FileChannel.MapMode.READ_ONLY, blobStart, blobLen);
                        table = new CodeStore.PathTable(offsets, blob);
                        scan.hasPaths = true;
                    }
                    long dup = scan.store.appendMapped(words, ids, n, table);
                    if (dup != -1) {
                        throw corrupt(file, dup == Long.MIN_VALUE ? "negative id in segment " + seg
                                : "id " + dup + " stored twice (segment " + seg + ")");
                    }
                }
            } else if (type == REMOVE) {
                if (length != count * 8) {
                    throw corrupt(file, "removal segment " + seg + " has a bad size");
                }
                if (map && count > 0) {
                    LongBuffer ids = mapLongs(ch, payload, count);
                    long[] removed = new long[(int) count];
                    ids.get(0, removed, 0, removed.length);
                    int[] pos;
                    try {
                        pos = scan.store.positionsForRemoval(removed);
                    } catch (HashingException e) {
                        throw corrupt(file, "removal segment " + seg + ": " + e.getMessage());
                    }
                    scan.store.delete(pos);
                }
            } else {
                throw corrupt(file, "segment " + seg + " has unknown type " + type);
            }
            scan.segmentHeaders.add(hb);
            at = align8(payload + length);
            seg++;
        }
        if (seg != h.segments) {
            throw corrupt(file, "header records " + h.segments + " segments, found " + seg);
        }
        if (checksumOf(scan.segmentHeaders) != h.checksum) {
            throw corrupt(file, "segment table checksum mismatch");
        }
        if (map && (scan.store.live() != h.live || scan.store.positions() != h.positions)) {
            throw corrupt(file, "header records " + h.live + " items, the segments hold " + scan.store.live());
        }
        scan.store.raiseNextAutoId(h.nextAutoId);
        scan.segmentCount = seg;
        return scan;
    }

    private static LongBuffer mapLongs(FileChannel ch, long offset, long count) throws IOException {
        return ch.map(FileChannel.MapMode.READ_ONLY, offset, count * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    }

    private static void verifyCrc(FileChannel ch, Path file, long offset, long length, int expected, int seg, long at)
            throws IOException {
        CRC32 crc = new CRC32();
        for (long done = 0; done < length; ) {
            long len = Math.min(length - done, 1L << 28);
            ByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, offset + done, len);
            crc.update(m);
            done += len;
        }
        if ((int) crc.getValue() != expected) {
            throw corrupt(file, "checksum mismatch in segment " + seg + " at offset " + at);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        b.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }

    // ------------------------------------------------------------------ little helpers for streams

    /** Buffers longs as little-endian bytes. */
    private static final class LongWriter {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        LongWriter(OutputStream out) {
            this.out = out;
        }

        void put(long v) throws IOException {
            if (!buf.hasRemaining()) {
                flush();
            }
            buf.putLong(v);
        }

        void flush() throws IOException {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
    }

    /** Counts and checksums bytes without storing them. */
    private static final class CrcOut extends OutputStream {
        final CRC32 crc = new CRC32();
        long length;

        @Override
        public void write(int b) {
            crc.update(b);
            length++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            length += len;
        }
    }

    /** Writes to a channel at a position, buffered. */
    private static final class ChannelOut extends OutputStream {
        private final FileChannel ch;
        private long pos;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);

        ChannelOut(FileChannel ch, long pos) {
            this.ch = ch;
            this.pos = pos;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buf.hasRemaining()) {
                flush();
            }
            buf.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int o = off;
            int l = len;
            while (l > 0) {
                if (!buf.hasRemaining()) {
                    flush();
                }
                int n = Math.min(l, buf.remaining());
                buf.put(b, o, n);
                o += n;
                l -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            buf.clear();
        }
    }
}
