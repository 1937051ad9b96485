package org.hashing4j.core.index;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;

/**
 * Reads and writes FAISS binary index files, so that an index moves between hashing4j and Python
 * ({@code faiss.read_index_binary} / {@code faiss.write_index_binary}). Two index types are
 * understood, the ones that hold every code as-is:
 * <ul>
 *   <li>{@code IndexBinaryFlat} (four-character code {@code IBxF}): the codes, ids 0, 1, 2, …;</li>
 *   <li>{@code IndexBinaryIDMap} / {@code IndexBinaryIDMap2} ({@code IBMp} / {@code IBM2}) over a
 *       flat index: the codes and one 64-bit id each.</li>
 * </ul>
 * The byte layout is FAISS's {@code index_write.cpp} (all numbers little-endian): the four-character
 * code; a header {@code d} (int32, bits), {@code code_size} (int32, bytes), {@code ntotal} (int64),
 * {@code is_trained} (1 byte), {@code metric_type} (int32); then for a flat index the code vector
 * (uint64 length, then the bytes), and for an id map the nested flat index followed by the id vector
 * (uint64 length, then int64 ids). Code bytes are numpy {@code packbits} order, the same as our packed
 * {@code .npy} codes; FAISS only uses them through XOR and popcount, so Hamming distances agree.
 *
 * <p>FAISS binary indexes need a bit count divisible by 8; other bit counts are refused rather than
 * padded, so that a round trip never changes the code length.
 */
public final class FaissIndexFiles {
    private static final String FLAT = "IBxF";
    private static final String ID_MAP = "IBMp";
    private static final String ID_MAP2 = "IBM2";
    /** FAISS's METRIC_L2, what every binary index records (binary indexes always use Hamming). */
    private static final int METRIC_L2 = 1;

    private FaissIndexFiles() {
    }

    /**
     * What a FAISS file held: the codes, and their ids ({@code null} for a flat index, whose ids are
     * 0, 1, 2, …).
     */
    public record Contents(BinaryCodes codes, long[] ids, String type) {
    }

    /**
     * Writes codes with their ids (atomically): an {@code IndexBinaryFlat} when the ids are 0, 1, 2, …
     * in order (or null), otherwise an {@code IndexBinaryIDMap} over one.
     */
    public static void write(Path file, BinaryCodes codes, long[] ids) {
        if (codes.bits() % 8 != 0) {
            throw new HashingException("FAISS binary indexes need a bit count divisible by 8; these codes have "
                    + codes.bits() + " bits");
        }
        if (ids != null && ids.length != codes.size()) {
            throw new IllegalArgumentException(ids.length + " ids for " + codes.size() + " codes");
        }
        boolean sequential = ids == null || isSequential(ids);
        byte[] packed = codes.toPackedBytes();
        AtomicFiles.write(file, out -> {
            if (!sequential) {
                out.write(fourcc(ID_MAP));
                // FAISS leaves the wrapper's code_size at 0 (the codes live in the nested index).
                writeHeader(out, codes, 0);
            }
            out.write(fourcc(FLAT));
            writeHeader(out, codes, codes.bits() / 8);
            out.write(le(8).putLong(packed.length).array());
            out.write(packed);
            if (!sequential) {
                out.write(le(8).putLong(ids.length).array());
                ByteBuffer b = le(8 * 1024);
                for (int i = 0; i < ids.length; i++) {
                    b.putLong(ids[i]);
                    if (!b.hasRemaining() || i == ids.length - 1) {
                        out.write(b.array(), 0, b.position());
                        b.clear();
                    }
                }
            }
        });
    }

    /** Writes the live content of an index (codes and ids, in the index's order). */
    public static void write(Path file, HammingIndex index) {
        long[] ids = index.ids();
        write(file, index.codes(ids), ids);
    }

    /** Reads a FAISS {@code IndexBinaryFlat} or {@code IndexBinaryIDMap} file. */
    public static Contents read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            long size = Files.size(file);
            String type = readFourcc(in, file);
            if (type.equals(FLAT)) {
                BinaryCodes codes = readFlatBody(in, file, size);
                expectEnd(in, file);
                return new Contents(codes, null, "IndexBinaryFlat");
            }
            if (type.equals(ID_MAP) || type.equals(ID_MAP2)) {
                Header h = readHeader(in, file, true);
                String inner = readFourcc(in, file);
                if (!inner.equals(FLAT)) {
                    throw new HashingException(file + ": FAISS IndexBinaryIDMap over " + describe(inner)
                            + " is not supported (only over IndexBinaryFlat, fourcc IBxF)");
                }
                BinaryCodes codes = readFlatBody(in, file, size);
                if (codes.bits() != h.d || codes.size() != h.ntotal) {
                    throw new HashingException(file + ": FAISS id map header (" + h.d + " bits, " + h.ntotal
                            + " codes) disagrees with its flat index (" + codes.bits() + " bits, " + codes.size() + ")");
                }
                long n = readLong(in, file, "id count");
                if (n != codes.size()) {
                    throw new HashingException(file + ": FAISS id map holds " + n + " ids for " + codes.size() + " codes");
                }
                long[] ids = new long[(int) n];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = readLong(in, file, "id " + i);
                    if (ids[i] < 0) {
                        throw new HashingException(file + ": FAISS id " + ids[i] + " (code " + i + ") is negative;"
                                + " hashing4j ids must be >= 0");
                    }
                }
                long dup = CodeStore.firstDuplicate(ids);
                if (dup >= 0) {
                    throw new HashingException(file + ": FAISS id " + dup + " appears twice");
                }
                expectEnd(in, file);
                return new Contents(codes, ids, type.equals(ID_MAP) ? "IndexBinaryIDMap" : "IndexBinaryIDMap2");
            }
            throw new HashingException(file + ": " + describe(type) + " is not supported; hashing4j reads FAISS"
                    + " IndexBinaryFlat (IBxF) and IndexBinaryIDMap (IBMp, IBM2) files");
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (UncheckedIOException e) {
            throw new HashingException(file + ": cannot read (" + e.getCause().getMessage() + ")", e);
        }
    }

    private record Header(int d, int codeSize, long ntotal) {
    }

    private static BinaryCodes readFlatBody(DataInputStream in, Path file, long fileSize) throws IOException {
        Header h = readHeader(in, file, false);
        long len = readLong(in, file, "code vector length");
        if (len != h.ntotal * (long) h.codeSize) {
            throw new HashingException(file + ": FAISS flat index holds " + len + " code bytes, its header needs "
                    + h.ntotal + " x " + h.codeSize);
        }
        if (len > fileSize) {
            throw new HashingException(file + ": truncated FAISS index (" + len + " code bytes, the file has "
                    + fileSize + " bytes)");
        }
        byte[] codes = new byte[(int) len];
        try {
            in.readFully(codes);
        } catch (EOFException e) {
            throw new HashingException(file + ": truncated FAISS index (the code vector ends early)");
        }
        if (h.ntotal == 0) {
            return BinaryCodes.fromWords(0, h.d, new long[0]);
        }
        return BinaryCodes.fromPackedBytes(codes, (int) h.ntotal, h.d);
    }

    /** A header; a wrapper's code_size is not checked (FAISS writes 0 there). */
    private static Header readHeader(DataInputStream in, Path file, boolean wrapper) throws IOException {
        int d = readInt(in, file, "d");
        int codeSize = readInt(in, file, "code_size");
        long ntotal = readLong(in, file, "ntotal");
        in.readUnsignedByte(); // is_trained: flat indexes need no training
        readInt(in, file, "metric_type"); // binary indexes always compare by Hamming distance
        if (d <= 0 || d % 8 != 0 || (!wrapper && codeSize != d / 8)) {
            throw new HashingException(file + ": FAISS header says d = " + d + " bits with code_size " + codeSize
                    + " bytes (expected a positive multiple of 8 and d / 8)");
        }
        if (ntotal < 0 || ntotal > Integer.MAX_VALUE - 64) {
            throw new HashingException(file + ": FAISS header says ntotal = " + ntotal + " (unsupported count)");
        }
        return new Header(d, codeSize, ntotal);
    }

    private static void writeHeader(OutputStream out, BinaryCodes codes, int codeSize) throws IOException {
        ByteBuffer b = le(21);
        b.putInt(codes.bits()).putInt(codeSize).putLong(codes.size()).put((byte) 1).putInt(METRIC_L2);
        out.write(b.array());
    }

    private static String readFourcc(DataInputStream in, Path file) throws IOException {
        byte[] b = new byte[4];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new HashingException(file + ": not a FAISS index file (shorter than 4 bytes)");
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String describe(String fourcc) {
        boolean printable = fourcc.chars().allMatch(c -> c >= 32 && c < 127);
        if (!printable) {
            return "not a FAISS binary index file (unknown four-character code)";
        }
        switch (fourcc) {
            case "IBxH": return "FAISS IndexBinaryHash (IBxH)";
            case "IBHm": return "FAISS IndexBinaryMultiHash (IBHm)";
            case "IBHf": return "FAISS IndexBinaryHNSW (IBHf)";
            case "IBwF": return "FAISS IndexBinaryFromFloat (IBwF)";
            case "IBwF2": return "FAISS IndexBinaryFromFloat";
            default:
                return fourcc.startsWith("IB") ? "FAISS binary index type " + fourcc
                        : "not a FAISS binary index file (four-character code '" + fourcc + "'; a float index?)";
        }
    }

    private static void expectEnd(DataInputStream in, Path file) throws IOException {
        if (in.read() != -1) {
            throw new HashingException(file + ": unexpected bytes after the FAISS index");
        }
    }

    private static int readInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return Integer.reverseBytes(in.readInt());
        } catch (EOFException e) {
            throw new HashingException(file + ": truncated FAISS index (at " + what + ")");
        }
    }

    private static long readLong(DataInputStream in, Path file, String what) throws IOException {
        try {
            return Long.reverseBytes(in.readLong());
        } catch (EOFException e) {
            throw new HashingException(file + ": truncated FAISS index (at " + what + ")");
        }
    }

    private static boolean isSequential(long[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static byte[] fourcc(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
