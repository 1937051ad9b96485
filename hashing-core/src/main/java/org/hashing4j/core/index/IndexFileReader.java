package org.hashing4j.core.index;

import static org.hashing4j.core.index.IndexFileFormat.ADD;
import static org.hashing4j.core.index.IndexFileFormat.DATA_START;
import static org.hashing4j.core.index.IndexFileFormat.REMOVE;
import static org.hashing4j.core.index.IndexFileFormat.SEGMENT_HEADER;
import static org.hashing4j.core.index.IndexFileFormat.SLOT_SIZE;
import static org.hashing4j.core.index.IndexFileFormat.align8;
import static org.hashing4j.core.index.IndexFileFormat.checksumOf;
import static org.hashing4j.core.index.IndexFileFormat.corrupt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.IndexFileFormat.Header;
import org.hashing4j.core.index.IndexFileFormat.Segment;

/**
 * Reads an index file: takes the current header ({@link IndexFileFormat#currentHeader}), walks the
 * segments, verifies every CRC (optionally), and maps the codes, ids and paths into a
 * {@link CodeStore}. Nothing is copied onto the heap but the id map (only when ids are not 0, 1, 2,
 * …) and the removed-set, so a set larger than the heap can be searched. It owns the reading only:
 * {@link IndexFile} wraps the result for callers, and {@link IndexFileWriter} reads the committed
 * state through {@link #scan} before it appends.
 */
final class IndexFileReader {
    private IndexFileReader() {
    }

    /** What reading a file found. */
    static final class Scan {
        Header header;
        CodeStore store;
        boolean hasPaths;
        int segmentCount;
        final List<byte[]> segmentHeaders = new ArrayList<>();
    }

    /**
     * Opens {@code file} read-only and scans it.
     *
     * @throws HashingException one line naming the file when it is missing, unreadable or refused
     */
    static Scan read(Path file, boolean verifyChecksums) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(ch, file, verifyChecksums);
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such index file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read index file (" + e.getMessage() + ")", e);
        }
    }

    /** Scans an open file: header, every segment, and the mapped store of the committed data. */
    static Scan scan(FileChannel ch, Path file, boolean verify) throws IOException {
        long size = ch.size();
        byte[] head = new byte[(int) Math.min(size, 2 * SLOT_SIZE)];
        readFully(ch, ByteBuffer.wrap(head), 0);
        Header h = IndexFileFormat.currentHeader(file, head, size);
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
            Segment s = IndexFileFormat.parseSegment(hb);
            if (s == null) {
                throw corrupt(file, "bad header of segment " + seg + " at offset " + at);
            }
            long count = s.count();
            long length = s.payloadLength();
            long payload = at + SEGMENT_HEADER;
            if (length < 0 || count < 0 || payload + length > h.dataEnd) {
                throw corrupt(file, "segment " + seg + " at offset " + at + " runs past the data end");
            }
            if (verify) {
                verifyCrc(ch, file, payload, length, s.payloadCrc(), seg, at);
            }
            if (s.type() == ADD) {
                readAdd(ch, file, scan, s, payload, wpc, seg);
            } else if (s.type() == REMOVE) {
                readRemove(ch, file, scan, s, payload, seg);
            } else {
                throw corrupt(file, "segment " + seg + " has unknown type " + s.type());
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
        if (scan.store.live() != h.live || scan.store.positions() != h.positions) {
            throw corrupt(file, "header records " + h.live + " items, the segments hold " + scan.store.live());
        }
        scan.store.raiseNextAutoId(h.nextAutoId);
        scan.segmentCount = seg;
        return scan;
    }

    /** Maps an add segment's codes, ids and paths into the store. */
    private static void readAdd(FileChannel ch, Path file, Scan scan, Segment s, long payload, int wpc, int seg)
            throws IOException {
        long count = s.count();
        long length = s.payloadLength();
        boolean paths = s.hasPaths();
        long base = count * 8L * (wpc + 1);
        if (count > Integer.MAX_VALUE || length < base + (paths ? 8 * (count + 1) : 0)) {
            throw corrupt(file, "segment " + seg + " is shorter than its " + count + " items need");
        }
        if (count == 0) {
            return;
        }
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

    /** Applies a removal segment to the store. */
    private static void readRemove(FileChannel ch, Path file, Scan scan, Segment s, long payload, int seg)
            throws IOException {
        long count = s.count();
        if (s.payloadLength() != count * 8) {
            throw corrupt(file, "removal segment " + seg + " has a bad size");
        }
        if (count == 0) {
            return;
        }
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
}
