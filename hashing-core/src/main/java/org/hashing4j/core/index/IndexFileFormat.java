package org.hashing4j.core.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;

/**
 * The layout of the index file ({@code .idx}): its constants, the encoding and decoding of header
 * slots and segment headers, and the checks that refuse a foreign, newer or damaged file. It owns
 * the bytes; {@link IndexFileReader} and {@link IndexFileWriter} own the I/O, and {@link IndexFile}
 * is what the rest of the code uses.
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
 * segments. Two header slots exist so that a commit never overwrites the header that describes the
 * committed data (see {@link IndexFileWriter}).
 */
final class IndexFileFormat {
    /** Format version written and the newest one read. */
    static final int VERSION = 1;
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

    private IndexFileFormat() {
    }

    // ------------------------------------------------------------------ header slots

    /** One header slot. */
    static final class Header {
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

    /**
     * The header that describes the file: the valid slot with the highest sequence, checked for a
     * supported version, possible values and a file long enough for its data.
     *
     * @param head the file's first {@code min(size, 2 × SLOT_SIZE)} bytes
     * @param size the file's size in bytes
     * @throws HashingException naming the file and what is wrong with it
     */
    static Header currentHeader(Path file, byte[] head, long size) {
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
        return h;
    }

    // ------------------------------------------------------------------ segment headers

    /** The fields of a segment header. */
    record Segment(int type, int flags, long count, long payloadLength, int payloadCrc) {
        boolean hasPaths() {
            return (flags & FLAG_PATHS) != 0;
        }
    }

    static byte[] segmentHeader(int type, int flags, long count, long payloadLength, int payloadCrc) {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SEGMENT_MAGIC);
        b.putInt(8, type).putInt(12, flags).putLong(16, count).putLong(24, payloadLength).putInt(32, payloadCrc);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 60);
        b.putInt(60, (int) crc.getValue());
        return b.array();
    }

    /** Parses a segment header; null when its magic or CRC is wrong. */
    static Segment parseSegment(byte[] header) {
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(header, 0, 60);
        if (!Arrays.equals(header, 0, 8, SEGMENT_MAGIC, 0, 8) || (int) crc.getValue() != b.getInt(60)) {
            return null;
        }
        return new Segment(b.getInt(8), b.getInt(12), b.getLong(16), b.getLong(24), b.getInt(32));
    }

    static long payloadLength(byte[] segmentHeader) {
        return ByteBuffer.wrap(segmentHeader).order(ByteOrder.LITTLE_ENDIAN).getLong(24);
    }

    /** The header's checksum over the segment headers, in file order. */
    static int checksumOf(List<byte[]> segHeaders) {
        CRC32 crc = new CRC32();
        for (byte[] h : segHeaders) {
            crc.update(h);
        }
        return (int) crc.getValue();
    }

    static long align8(long x) {
        return (x + 7) & ~7L;
    }

    /** A stored path's bytes (none for a missing path). */
    static byte[] pathBytes(String path) {
        return path == null ? new byte[0] : path.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ validation

    static HashingException corrupt(Path file, String what) {
        return new HashingException(file + ": corrupt index file (" + what + ")");
    }

    static void checkPaths(List<String> paths, int n) {
        if (paths != null && paths.size() != n) {
            throw new HashingException(paths.size() + " paths given for " + n + " codes");
        }
    }

    static void checkSubstrings(int bits, int substrings) {
        if (substrings != 0) {
            new MultiIndexHashing(bits, 1, substrings); // validates the count, throws a clear error
        }
    }
}
