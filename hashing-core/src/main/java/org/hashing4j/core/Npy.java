package org.hashing4j.core;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1–3), the interchange format of the
 * pipeline: codes (uint8), features (float32), labels (int or 0/1 matrices). Arrays are C-order;
 * Fortran-order files are read and reordered.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Element types this reader understands. */
    public enum DType {
        BOOL("b1", 1), INT8("i1", 1), UINT8("u1", 1), INT16("i2", 2), UINT16("u2", 2), INT32("i4", 4),
        UINT32("u4", 4), INT64("i8", 8), UINT64("u8", 8), FLOAT32("f4", 4), FLOAT64("f8", 8);

        final String code;
        final int size;

        DType(String code, int size) {
            this.code = code;
            this.size = size;
        }

        /** Bytes per element. */
        public int size() {
            return size;
        }

        /** True for float32/float64. */
        public boolean isFloating() {
            return this == FLOAT32 || this == FLOAT64;
        }
    }

    /**
     * Largest piece of an array held in one buffer. A {@code ByteBuffer} (heap or mapped) holds at
     * most 2 GiB, so larger arrays are mapped as several pieces; each piece holds whole rows when a
     * row fits, so a row is never split. Package-private so tests can force many pieces on small files.
     */
    static long maxChunkBytes = 1L << 30;

    /**
     * An array read from a {@code .npy} file: element type, shape and the C-order data. Arrays of
     * plain little-endian C-order files are memory-mapped (in pieces of at most 1 GiB, so any size
     * works and only the rows touched are read from disk); big-endian and Fortran-order files are
     * reordered on the heap and limited to 2 GiB.
     */
    public static final class Array {
        private final DType dtype;
        private final long[] shape;
        private final ByteBuffer[] chunks;
        private final long chunkBytes;
        private final long byteLength;

        Array(DType dtype, long[] shape, ByteBuffer data) {
            this(dtype, shape, new ByteBuffer[] {data.order(ByteOrder.LITTLE_ENDIAN)}, Math.max(1, data.capacity()),
                    data.capacity());
        }

        private Array(DType dtype, long[] shape, ByteBuffer[] chunks, long chunkBytes, long byteLength) {
            this.dtype = dtype;
            this.shape = shape;
            this.chunks = chunks;
            this.chunkBytes = chunkBytes;
            this.byteLength = byteLength;
        }

        public DType dtype() {
            return dtype;
        }

        public long[] shape() {
            return shape.clone();
        }

        public int rank() {
            return shape.length;
        }

        /** Number of elements. */
        public long length() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        /** Size of the data in bytes (may exceed 2 GiB). */
        public long byteLength() {
            return byteLength;
        }

        /** Rows of a 2-D array (or elements of a vector). */
        public long rows() {
            return rank() == 0 ? 1 : shape[0];
        }

        /** Elements per row of a 2-D array (1 for a vector). */
        public long columns() {
            long c = 1;
            for (int a = 1; a < shape.length; a++) {
                c *= shape[a];
            }
            return c;
        }

        private ByteBuffer chunk(long pos) {
            return chunks[(int) (pos / chunkBytes)];
        }

        /** Element {@code k} (flat C-order index) as a double. */
        public double getDouble(long k) {
            long pos = k * dtype.size;
            ByteBuffer b = chunk(pos);
            int p = (int) (pos % chunkBytes);
            switch (dtype) {
                case BOOL:
                case UINT8:
                    return b.get(p) & 0xFF;
                case INT8:
                    return b.get(p);
                case INT16:
                    return b.getShort(p);
                case UINT16:
                    return b.getShort(p) & 0xFFFF;
                case INT32:
                    return b.getInt(p);
                case UINT32:
                    return b.getInt(p) & 0xFFFFFFFFL;
                case INT64:
                case UINT64:
                    return b.getLong(p);
                case FLOAT32:
                    return b.getFloat(p);
                case FLOAT64:
                    return b.getDouble(p);
                default:
                    throw new IllegalStateException(dtype.toString());
            }
        }

        /** Element {@code k} as a long; fails on a non-integral float. */
        public long getLong(long k) {
            if (dtype == DType.INT64 || dtype == DType.UINT64) {
                long pos = k * 8;
                return chunk(pos).getLong((int) (pos % chunkBytes));
            }
            double v = getDouble(k);
            if (dtype.isFloating() && (v != Math.rint(v) || !Double.isFinite(v))) {
                throw new HashingException("expected integer values, found " + v + " at element " + k);
            }
            return (long) v;
        }

        /**
         * Row {@code i} of a 2-D array as floats, into {@code out} (length = columns). Reads only
         * that row, so a matrix larger than memory can be streamed row by row.
         */
        public float[] floatRow(long i, float[] out) {
            requireRank(2);
            int d = Math.toIntExact(shape[1]);
            if (out == null || out.length != d) {
                out = new float[d];
            }
            long k = i * d;
            if (dtype == DType.FLOAT32 && d > 0) {
                long pos = k * 4;
                ByteBuffer b = chunk(pos).duplicate().order(ByteOrder.LITTLE_ENDIAN);
                int p = (int) (pos % chunkBytes);
                if (p + (long) d * 4 <= b.capacity()) {
                    b.position(p);
                    b.asFloatBuffer().get(out, 0, d);
                    return out;
                }
            }
            for (int j = 0; j < d; j++) {
                out[j] = (float) getDouble(k + j);
            }
            return out;
        }

        /** All elements as floats, C-order (any rank; at most 2^31 − 1 of them). */
        public float[] toFloatArray() {
            float[] out = new float[Math.toIntExact(length())];
            if (dtype != DType.FLOAT32) {
                for (int k = 0; k < out.length; k++) {
                    out[k] = (float) getDouble(k);
                }
                return out;
            }
            // Piece by piece: pieces hold whole rows, so a float never straddles two of them.
            int k = 0;
            while (k < out.length) {
                long pos = (long) k * 4;
                ByteBuffer b = chunk(pos).duplicate().order(ByteOrder.LITTLE_ENDIAN);
                b.position((int) (pos % chunkBytes));
                java.nio.FloatBuffer f = b.asFloatBuffer();
                int m = Math.min(out.length - k, f.remaining());
                f.get(out, k, m);
                k += m;
            }
            return out;
        }

        /** A 2-D array as a float matrix (the rows on the heap; the file itself may exceed 2 GiB). */
        public float[][] toFloatMatrix() {
            requireRank(2);
            int n = Math.toIntExact(shape[0]);
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = floatRow(i, null);
            }
            return out;
        }

        /** A 1-D array (or n × 1) as ints. */
        public int[] toIntVector() {
            if (!(rank() == 1 || (rank() == 2 && shape[1] == 1))) {
                throw new HashingException("expected a vector, got shape " + Arrays.toString(shape));
            }
            int n = Math.toIntExact(shape[0]);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = Math.toIntExact(getLong(i));
            }
            return out;
        }

        /** A 2-D array as an int matrix. */
        public int[][] toIntMatrix() {
            requireRank(2);
            int n = Math.toIntExact(shape[0]);
            int d = Math.toIntExact(shape[1]);
            int[][] out = new int[n][d];
            long k = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] = Math.toIntExact(getLong(k++));
                }
            }
            return out;
        }

        /** The raw bytes of a one-byte element type, C-order (at most 2 GiB). */
        public byte[] toBytes() {
            if (dtype.size != 1) {
                throw new HashingException("expected a 1-byte element type, got " + dtype);
            }
            if (byteLength > Integer.MAX_VALUE - 16) {
                throw new HashingException("array of " + byteLength + " bytes does not fit one Java array (2 GiB);"
                        + " read it row by row");
            }
            byte[] out = new byte[(int) byteLength];
            int at = 0;
            for (ByteBuffer c : chunks) {
                ByteBuffer d = c.duplicate();
                d.position(0);
                int len = Math.min(d.capacity(), out.length - at);
                d.get(out, at, len);
                at += len;
            }
            return out;
        }

        private void requireRank(int r) {
            if (rank() != r) {
                throw new HashingException("expected a " + r + "-D array, got shape " + Arrays.toString(shape));
            }
        }
    }

    /** Reads a {@code .npy} file; any malformation is a {@link HashingException} naming the file. */
    public static Array read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file.toString());
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads one {@code .npy} array from a stream (e.g. an entry of an {@code .npz} archive);
     * {@code name} labels errors. The reader maps files (for arrays beyond 2 GiB), so the stream goes
     * through a temporary copy that is deleted at once (the mapping outlives it).
     */
    public static Array read(InputStream raw, String name) throws IOException {
        Path tmp = Files.createTempFile("hashing4j-", ".npy");
        try {
            Files.copy(raw, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ)) {
                return read(ch, name);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Array read(FileChannel ch, String name) throws IOException {
        long fileSize = ch.size();
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Channels.newInputStream(ch.position(0)), 1 << 12));
        byte[] magic = new byte[6];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new HashingException(name + ": not a .npy file (shorter than its magic number)");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new HashingException(name + ": not a .npy file (bad magic number)");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        long headerLen;
        int prefix;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            prefix = 10;
        } else if (major == 2 || major == 3) {
            headerLen = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            prefix = 12;
        } else {
            throw new HashingException(name + ": unsupported .npy format version " + major);
        }
        if (headerLen > 1 << 20) {
            throw new HashingException(name + ": .npy header length " + headerLen + " is implausible");
        }
        byte[] headerBytes = new byte[(int) headerLen];
        try {
            in.readFully(headerBytes);
        } catch (EOFException e) {
            throw new HashingException(name + ": truncated .npy header");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher dm = DESCR.matcher(header);
        Matcher fm = FORTRAN.matcher(header);
        Matcher sm = SHAPE.matcher(header);
        if (!dm.find() || !fm.find() || !sm.find()) {
            throw new HashingException(name + ": malformed .npy header: " + header.trim());
        }
        String descr = dm.group(1);
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String code = descr.replaceAll("^[<>|=]", "");
        DType dtype = null;
        for (DType t : DType.values()) {
            if (t.code.equals(code)) {
                dtype = t;
            }
        }
        if (dtype == null) {
            throw new HashingException(name + ": unsupported .npy element type '" + descr + "'");
        }
        String[] dims = sm.group(1).split(",");
        long[] shape = Arrays.stream(dims).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                return Long.parseLong(s.replace("L", ""));
            } catch (NumberFormatException e) {
                throw new HashingException(name + ": bad .npy shape entry '" + s + "'");
            }
        }).toArray();
        long count = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new HashingException(name + ": negative dimension in .npy shape");
            }
            count = Math.multiplyExact(count, s);
        }
        long bytes = Math.multiplyExact(count, (long) dtype.size);
        long dataStart = prefix + headerLen;
        long expected = dataStart + bytes;
        if (fileSize != expected) {
            throw new HashingException(name + ": .npy file is " + fileSize + " bytes but its header (shape "
                    + Arrays.toString(shape) + ", " + descr + ") needs " + expected
                    + (fileSize < expected ? " (truncated?)" : ""));
        }
        boolean fortran = "True".equals(fm.group(1)) && shape.length >= 2;
        boolean swap = order == ByteOrder.BIG_ENDIAN && dtype.size > 1;
        if (!fortran && !swap) {
            return map(ch, dtype, shape, dataStart, bytes);
        }
        // Reordering needs the whole array on the heap.
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new HashingException(name + ": " + (fortran ? "Fortran-order" : "big-endian") + " array of " + bytes
                    + " bytes is larger than this reader reorders (2 GiB); save it C-order little-endian"
                    + " (np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')))");
        }
        byte[] body = new byte[(int) bytes];
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw new HashingException(name + ": truncated .npy data");
        }
        ByteBuffer buf = ByteBuffer.wrap(body).order(order);
        if (swap) {
            buf = toLittleEndian(buf, dtype.size);
        }
        buf = buf.order(ByteOrder.LITTLE_ENDIAN);
        if (fortran) {
            // A fresh wrap is big-endian by default: set the order again after reordering.
            buf = fortranToC(buf, shape, dtype.size).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new Array(dtype, shape, buf);
    }

    /** Maps the data read-only in pieces of whole rows (see {@link #maxChunkBytes}). */
    private static Array map(FileChannel ch, DType dtype, long[] shape, long dataStart, long bytes) throws IOException {
        long rowBytes = dtype.size;
        for (int a = 1; a < shape.length; a++) {
            rowBytes *= shape[a];
        }
        long chunk;
        if (rowBytes > 0 && rowBytes <= maxChunkBytes) {
            chunk = (maxChunkBytes / rowBytes) * rowBytes;
        } else {
            chunk = Math.max(dtype.size, (maxChunkBytes / dtype.size) * dtype.size);
        }
        int pieces = bytes == 0 ? 1 : (int) ((bytes + chunk - 1) / chunk);
        ByteBuffer[] chunks = new ByteBuffer[pieces];
        for (int i = 0; i < pieces; i++) {
            long off = i * chunk;
            long len = Math.min(chunk, bytes - off);
            chunks[i] = len <= 0 ? ByteBuffer.allocate(0)
                    : ch.map(FileChannel.MapMode.READ_ONLY, dataStart + off, len).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new Array(dtype, shape, chunks, Math.max(1, chunk), bytes);
    }

    private static ByteBuffer toLittleEndian(ByteBuffer big, int size) {
        byte[] b = big.array();
        for (int p = 0; p < b.length; p += size) {
            for (int x = 0, y = size - 1; x < y; x++, y--) {
                byte t = b[p + x];
                b[p + x] = b[p + y];
                b[p + y] = t;
            }
        }
        return ByteBuffer.wrap(b);
    }

    private static ByteBuffer fortranToC(ByteBuffer f, long[] shape, int size) {
        int rank = shape.length;
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        byte[] src = f.array();
        byte[] dst = new byte[src.length];
        int[] idx = new int[rank];
        for (int c = 0; c < n; c++) {
            int fi = 0;
            int stride = 1;
            for (int a = 0; a < rank; a++) {
                fi += idx[a] * stride;
                stride *= (int) shape[a];
            }
            System.arraycopy(src, fi * size, dst, c * size, size);
            for (int a = rank - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return ByteBuffer.wrap(dst);
    }

    private static byte[] header(String descr, long[] shape) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                s.append(shape.length == 1 ? "," : ", ");
            }
        }
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", descr, s);
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String h = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length());
        b.put(h.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    private static void writeRaw(Path file, String descr, long[] shape, Writer body) {
        byte[] h = header(descr, shape);
        AtomicFiles.write(file, out -> {
            out.write(h);
            body.write(out);
        });
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes an n × d uint8 matrix (atomically). */
    public static void writeUint8(Path file, byte[] data, long rows, long cols) {
        if (rows * cols != data.length) {
            throw new IllegalArgumentException("uint8 data of " + data.length + " bytes is not " + rows + " x " + cols);
        }
        writeRaw(file, "|u1", new long[] {rows, cols}, out -> out.write(data));
    }

    /** Writes a float32 matrix (atomically). */
    public static void writeFloat32(Path file, float[][] m) {
        int d = m.length == 0 ? 0 : m[0].length;
        writeRaw(file, "<f4", new long[] {m.length, d}, out -> {
            ByteBuffer b = ByteBuffer.allocate(d * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : m) {
                if (row.length != d) {
                    throw new IllegalArgumentException("ragged matrix");
                }
                b.clear();
                b.asFloatBuffer().put(row);
                out.write(b.array(), 0, d * 4);
            }
        });
    }

    /** Writes an int32 vector (atomically). */
    public static void writeInt32(Path file, int[] v) {
        writeRaw(file, "<i4", new long[] {v.length}, out -> {
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(v);
            out.write(b.array());
        });
    }

    /** Writes an int32 matrix (atomically), e.g. multi-hot labels. */
    public static void writeInt32(Path file, int[][] m) {
        int d = m.length == 0 ? 0 : m[0].length;
        writeRaw(file, "<i4", new long[] {m.length, d}, out -> {
            ByteBuffer b = ByteBuffer.allocate(d * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] row : m) {
                if (row.length != d) {
                    throw new IllegalArgumentException("ragged matrix");
                }
                b.clear();
                b.asIntBuffer().put(row);
                out.write(b.array(), 0, d * 4);
            }
        });
    }

    /**
     * Writes a float32 array of any shape (C-order {@code data}) to a stream, e.g. as one entry of an
     * {@code .npz} archive; the caller makes the file write atomic.
     */
    public static void writeFloat32(OutputStream out, long[] shape, float[] data) throws IOException {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(data.length + " floats do not fill shape " + Arrays.toString(shape));
        }
        out.write(header("<f4", shape));
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length; ) {
            b.clear();
            int k = Math.min(data.length - i, 1 << 14);
            b.asFloatBuffer().put(data, i, k);
            out.write(b.array(), 0, k * 4);
            i += k;
        }
    }

    /** Writes a float32 vector (atomically). */
    public static void writeFloat32(Path file, float[] v) {
        writeRaw(file, "<f4", new long[] {v.length}, out -> {
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            out.write(b.array());
        });
    }

    /** Receives the rows of a matrix being written by {@link #writeMatrix}. */
    public interface RowSink {
        /** Writes row {@code i} (any order; rows never written are zero), converted to the file's type. */
        void row(long i, float[] values) throws IOException;

        /** Writes row {@code i} of a one-byte type as raw bytes. */
        void row(long i, byte[] values) throws IOException;
    }

    /** Produces the rows of a matrix being written. */
    @FunctionalInterface
    public interface RowWriter {
        void write(RowSink sink) throws IOException;
    }

    /**
     * Writes an n × d matrix of {@code dtype} (float32, float64, uint8, int8, bool, int32)
     * atomically, rows streamed: only one row is held at a time, so arrays far beyond 2 GiB are
     * written with constant memory. The file is sized first and rows land at their offsets, in any
     * order; rows the writer skips stay zero.
     */
    public static void writeMatrix(Path file, DType dtype, long rows, long cols, RowWriter writer) {
        String descr;
        switch (dtype) {
            case FLOAT32: descr = "<f4"; break;
            case FLOAT64: descr = "<f8"; break;
            case UINT8: descr = "|u1"; break;
            case INT8: descr = "|i1"; break;
            case BOOL: descr = "|b1"; break;
            case INT32: descr = "<i4"; break;
            default: throw new IllegalArgumentException("writeMatrix does not write " + dtype);
        }
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        }
        byte[] h = header(descr, new long[] {rows, cols});
        long rowBytes = Math.multiplyExact(cols, (long) dtype.size);
        long total = h.length + Math.multiplyExact(rows, rowBytes);
        int rowLen = Math.toIntExact(rowBytes);
        AtomicFiles.writeChannel(file, ch -> {
            writeFully(ch, ByteBuffer.wrap(h), 0);
            if (total > h.length) {
                // Sizing the file by its last byte makes it sparse: unwritten rows cost no disk.
                writeFully(ch, ByteBuffer.wrap(new byte[1]), total - 1);
            }
            ByteBuffer buf = ByteBuffer.allocate(rowLen).order(ByteOrder.LITTLE_ENDIAN);
            writer.write(new RowSink() {
                @Override
                public void row(long i, float[] values) throws IOException {
                    check(i, values.length);
                    buf.clear();
                    for (float v : values) {
                        switch (dtype) {
                            case FLOAT32: buf.putFloat(v); break;
                            case FLOAT64: buf.putDouble(v); break;
                            case INT32: buf.putInt(Math.round(v)); break;
                            case BOOL: buf.put((byte) (v != 0 ? 1 : 0)); break;
                            default: buf.put((byte) Math.round(v)); break;
                        }
                    }
                    buf.flip();
                    writeFully(ch, buf, h.length + i * rowBytes);
                }

                @Override
                public void row(long i, byte[] values) throws IOException {
                    if (dtype.size != 1) {
                        throw new IllegalArgumentException("raw byte rows need a one-byte type, not " + dtype);
                    }
                    check(i, values.length);
                    writeFully(ch, ByteBuffer.wrap(values), h.length + i * rowBytes);
                }

                private void check(long i, int length) {
                    if (i < 0 || i >= rows || length != cols) {
                        throw new IllegalArgumentException("row " + i + " of length " + length + " does not fit a "
                                + rows + " x " + cols + " matrix");
                    }
                }
            });
        });
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }
}
