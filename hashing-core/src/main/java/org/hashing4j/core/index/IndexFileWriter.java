package org.hashing4j.core.index;

import static org.hashing4j.core.index.IndexFileFormat.ADD;
import static org.hashing4j.core.index.IndexFileFormat.DATA_START;
import static org.hashing4j.core.index.IndexFileFormat.FLAG_PATHS;
import static org.hashing4j.core.index.IndexFileFormat.REMOVE;
import static org.hashing4j.core.index.IndexFileFormat.SEGMENT_HEADER;
import static org.hashing4j.core.index.IndexFileFormat.SLOT_SIZE;
import static org.hashing4j.core.index.IndexFileFormat.VERSION;
import static org.hashing4j.core.index.IndexFileFormat.align8;
import static org.hashing4j.core.index.IndexFileFormat.checkPaths;
import static org.hashing4j.core.index.IndexFileFormat.checkSubstrings;
import static org.hashing4j.core.index.IndexFileFormat.checksumOf;
import static org.hashing4j.core.index.IndexFileFormat.pathBytes;
import static org.hashing4j.core.index.IndexFileFormat.payloadLength;
import static org.hashing4j.core.index.IndexFileFormat.segmentHeader;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.IndexFileFormat.Header;
import org.hashing4j.core.index.IndexFileReader.Scan;

/**
 * Writes index files: whole new files ({@link #create}, {@link #write}) and the crash-safe append
 * journal ({@link #append}, {@link #remove}). It owns every write to an {@code .idx} file; the bytes
 * it writes are laid out by {@link IndexFileFormat}.
 *
 * <h2>Why appends are in place, and why that is crash-safe</h2>
 * A whole new file plus a rename would make every append cost the full index size. Instead an
 * append never touches committed bytes: it writes new segments after the data end, forces them to
 * disk, and only then commits by writing the header into the <em>other</em> slot with the next
 * sequence number and forcing again. A reader takes the valid slot (magic and CRC correct) with the
 * highest sequence. So a crash before the commit leaves the old header, which ignores the
 * half-written tail (the next append truncates it); a crash during the commit leaves a slot whose
 * CRC fails, and the previous slot still describes a complete file. Processes that have the file
 * mapped keep a consistent view because committed bytes never change. Appends take an exclusive file
 * lock. New files are written to a temporary file and renamed ({@link AtomicFiles}).
 */
final class IndexFileWriter {
    private IndexFileWriter() {
    }

    // ------------------------------------------------------------------ writing whole files

    /** See {@link IndexFile#create}. */
    static void create(Path file, BinaryCodes codes, long[] ids, List<String> paths, IndexKind kind, int substrings) {
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

    /** See {@link IndexFile#write}. */
    static void write(Path file, HammingIndex index) {
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

    // ------------------------------------------------------------------ the append journal

    /** See {@link IndexFile#append}. */
    static long[] append(Path file, BinaryCodes codes, long[] ids, List<String> paths) {
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
                // Pad to the 8-byte boundary the header's data end points at, as new files are: a
                // path blob of odd length would otherwise leave the file shorter than its header says.
                long end = at + SEGMENT_HEADER + payloadLength(h);
                out.write(new byte[(int) (align8(end) - end)]);
                out.flush();
                headers.add(h);
                at = align8(at + SEGMENT_HEADER + payloadLength(h));
            }
            commit(ch, scan, headers, at, scan.header.live + n, scan.header.positions + n,
                    Math.max(scan.header.nextAutoId, max + 1));
            return theIds;
        });
    }

    /** See {@link IndexFile#remove}. */
    static int remove(Path file, long... ids) {
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
            Scan scan = IndexFileReader.scan(ch, file, false);
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

    // ------------------------------------------------------------------ add segments

    private static List<int[]> splitIntoSegments(Items items, int from, int to, int wpc, boolean withPaths) {
        List<int[]> ranges = new ArrayList<>();
        int start = from;
        long bytes = 0;
        for (int i = from; i < to; i++) {
            long item = 8L * wpc + 8 + (withPaths ? 8 + pathBytes(items.path(i)).length : 0);
            if (i > start && bytes + item > IndexFileFormat.maxSegmentBytes) {
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
