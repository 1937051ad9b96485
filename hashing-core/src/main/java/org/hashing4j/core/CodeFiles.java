package org.hashing4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Code files: an n × ceil(bits/8) uint8 {@code .npy} matrix, eight bits a byte, most significant bit
 * first (numpy {@code packbits} and FAISS binary-index layout), plus a JSON sidecar
 * {@code <file>.json} (e.g. {@code codes.npy.json}) that records the exact bit length, since the
 * byte matrix alone cannot tell 30 bits from 32. Both are written atomically, sidecar first, so a
 * code file is never paired with a stale bit count.
 */
public final class CodeFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CodeFiles() {
    }

    /** The sidecar path of a code file. */
    public static Path sidecar(Path codes) {
        return codes.resolveSibling(codes.getFileName() + ".json");
    }

    /** Writes codes and their sidecar atomically. */
    public static void write(Path file, BinaryCodes codes) {
        String meta = "{\"format\": \"hashing4j-codes\", \"version\": 1, \"bits\": " + codes.bits()
                + ", \"count\": " + codes.size() + ", \"layout\": \"packed\", \"bit_order\": \"msb-first\"}\n";
        AtomicFiles.writeString(sidecar(file), meta);
        Npy.writeUint8(file, codes.toPackedBytes(), codes.size(), codes.bytesPerCode());
    }

    /**
     * Reads a code file, detecting its layout (see {@link #read(Path, CodeLayout)} with null).
     */
    public static BinaryCodes read(Path file) {
        return read(file, null);
    }

    /**
     * Reads codes in the given layout, or detects it when {@code layout} is null. The one code
     * reader: the CLI, the server and the Spark jobs all read codes through it.
     *
     * <p>Detection decides only where one reading is possible: a sidecar names the bits (packed);
     * a bool matrix is unpacked 0/1 bits; a float matrix is read by sign ({@code > 0} is a 1 bit),
     * which reads ±1, 0/1 and real-valued outputs alike; a uint8 matrix holding any value above 1 can
     * only be packed bytes. Anything else (a uint8 matrix of 0s and 1s, an int8 or wider integer
     * matrix) is refused with a one-line error naming the layouts it could be.
     *
     * <p>With an explicit layout the values are checked: {@code bits} must be 0/1, {@code pm1} must
     * be ±1, {@code real} must be finite; {@code packed} must be a one-byte type, and without a
     * sidecar every byte is taken as 8 bits.
     *
     * @throws HashingException one line naming the file, the problem and (for a bad value) its row
     *                          and column
     */
    public static BinaryCodes read(Path file, CodeLayout layout) {
        Npy.Array a = Npy.read(file);
        if (a.rank() != 2) {
            throw new HashingException(file + ": codes must be a 2-D matrix (one row per code), got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        long n = a.rows();
        long cols = a.columns();
        Path side = sidecar(file);
        Integer sidecarBits = Files.exists(side) ? sidecarBits(side, n) : null;
        CodeLayout l = layout != null ? layout : detect(file, a, sidecarBits);
        if (l == CodeLayout.PACKED) {
            return readPacked(file, a, sidecarBits, side);
        }
        if (sidecarBits != null && sidecarBits != cols) {
            throw new HashingException(side + ": sidecar says " + sidecarBits + " bits, but " + file.getFileName()
                    + " read as " + l + " has " + cols + " columns (one per bit)");
        }
        if (cols < 1) {
            throw new HashingException(file + ": a " + l + " code matrix needs at least one column");
        }
        int size = Math.toIntExact(n);
        int bits = Math.toIntExact(cols);
        int wpc = BinaryCodes.wordsFor(bits);
        long[] words = new long[Math.multiplyExact(size, wpc)];
        long k = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < bits; j++, k++) {
                double v = a.getDouble(k);
                boolean one;
                switch (l) {
                    case BITS:
                        if (v != 0 && v != 1) {
                            throw badValue(file, l, v, i, j, "0 or 1");
                        }
                        one = v == 1;
                        break;
                    case PM1:
                        if (v != 1 && v != -1) {
                            throw badValue(file, l, v, i, j, "-1 or +1");
                        }
                        one = v == 1;
                        break;
                    default:
                        if (!Double.isFinite(v)) {
                            throw badValue(file, l, v, i, j, "a finite number");
                        }
                        one = v > 0;
                }
                if (one) {
                    words[i * wpc + (j >>> 6)] |= 1L << (63 - (j & 63));
                }
            }
        }
        return BinaryCodes.fromWords(size, bits, words);
    }

    private static HashingException badValue(Path file, CodeLayout l, double v, int row, int col, String expected) {
        String shown = v == Math.rint(v) && Double.isFinite(v) ? String.valueOf((long) v) : String.valueOf(v);
        return new HashingException(file + ": value " + shown + " at row " + row + ", column " + col + " is not a "
                + l + " code value (expected " + expected + ")");
    }

    /** The layout a file can only have, or a one-line refusal naming the layouts it could be. */
    private static CodeLayout detect(Path file, Npy.Array a, Integer sidecarBits) {
        long cols = a.columns();
        if (sidecarBits != null) {
            return CodeLayout.PACKED;
        }
        Npy.DType t = a.dtype();
        if (t == Npy.DType.BOOL) {
            return CodeLayout.BITS;
        }
        if (t.isFloating()) {
            return CodeLayout.REAL;
        }
        String shape = t.name().toLowerCase(java.util.Locale.ROOT) + " " + a.rows() + " x " + cols;
        if (t == Npy.DType.UINT8) {
            if (anyAbove(a, 1)) {
                return CodeLayout.PACKED; // a byte above 1 cannot be an unpacked bit
            }
            throw new HashingException(file + ": cannot tell the code layout of a " + shape + " matrix of 0s and 1s"
                    + " without a sidecar: it could be bits (" + cols + " bits) or packed (" + cols * 8
                    + " bits); pass --code-layout bits|packed");
        }
        if (t == Npy.DType.INT8) {
            throw new HashingException(file + ": cannot tell the code layout of an " + shape + " matrix without a sidecar:"
                    + " it could be pm1 or bits (" + cols + " bits) or packed (" + cols * 8
                    + " bits); pass --code-layout pm1|bits|packed");
        }
        throw new HashingException(file + ": cannot tell the code layout of an " + shape + " matrix: it could be bits"
                + " or pm1 (" + cols + " bits) or real; pass --code-layout bits|pm1|real");
    }

    private static boolean anyAbove(Npy.Array a, int max) {
        long len = a.length();
        for (long k = 0; k < len; k++) {
            if (a.getDouble(k) > max) {
                return true;
            }
        }
        return false;
    }

    private static BinaryCodes readPacked(Path file, Npy.Array a, Integer sidecarBits, Path side) {
        if (a.dtype() != Npy.DType.UINT8 && a.dtype() != Npy.DType.INT8) {
            throw new HashingException(file + ": packed codes must be a uint8 matrix, got " + a.dtype()
                    + (a.dtype() == Npy.DType.BOOL || a.dtype().isFloating() ? " (use --code-layout bits, pm1 or real)" : ""));
        }
        int n = Math.toIntExact(a.rows());
        int bytesPerRow = Math.toIntExact(a.columns());
        int bits = bytesPerRow * 8;
        if (sidecarBits != null) {
            bits = sidecarBits;
            if (bits < 1 || (bits + 7) / 8 != bytesPerRow) {
                throw new HashingException(side + ": sidecar says " + bits + " bits, but " + file.getFileName()
                        + " has " + bytesPerRow + " bytes per code");
            }
        }
        if (n == 0) {
            return BinaryCodes.fromWords(0, Math.max(bits, 1), new long[0]);
        }
        if (bytesPerRow == 0) {
            throw new HashingException(file + ": packed codes need at least one byte per code");
        }
        return BinaryCodes.fromPackedBytes(a.toBytes(), n, bits);
    }

    /** The sidecar's bit count, checked against the row count. */
    private static int sidecarBits(Path side, long n) {
        try {
            JsonNode meta = JSON.readTree(side.toFile());
            if (meta == null || !meta.has("bits") || !meta.get("bits").canConvertToInt()) {
                throw new HashingException(side + ": sidecar has no integer 'bits' field");
            }
            if (meta.has("count") && meta.get("count").asLong() != n) {
                throw new HashingException(side + ": sidecar says " + meta.get("count").asLong()
                        + " codes but " + side.getFileName().toString().replaceAll("\\.json$", "") + " holds " + n);
            }
            return meta.get("bits").asInt();
        } catch (IOException e) {
            throw new HashingException(side + ": unreadable sidecar (" + e.getMessage() + ")", e);
        }
    }
}
