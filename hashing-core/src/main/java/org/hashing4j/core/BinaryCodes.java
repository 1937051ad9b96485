package org.hashing4j.core;

import java.util.Arrays;

/**
 * An immutable n × bits matrix of binary codes, packed into {@code long} words.
 *
 * <p>Code {@code i} occupies {@link #wordsPerCode()} consecutive words starting at
 * {@code i * wordsPerCode()}. Bit {@code j} of a code lives in word {@code j / 64} at position
 * {@code 63 - j % 64} (most significant bit first), so the big-endian bytes of the words are exactly
 * numpy's {@code packbits} layout. Unused trailing bits of the last word are always zero, which lets
 * Hamming kernels XOR and count whole words.
 *
 * <p>A set bit means +1 and a clear bit means −1 when the codes are viewed as sign vectors.
 */
public final class BinaryCodes {
    private final int size;
    private final int bits;
    private final int wordsPerCode;
    private final long[] words;

    private BinaryCodes(int size, int bits, long[] words) {
        this.size = size;
        this.bits = bits;
        this.wordsPerCode = wordsFor(bits);
        this.words = words;
    }

    /** Number of 64-bit words a code of {@code bits} bits needs. */
    public static int wordsFor(int bits) {
        return (bits + 63) >>> 6;
    }

    private static void checkBits(int bits) {
        if (bits < 1) {
            throw new HashingException("bit length must be >= 1, got " + bits);
        }
    }

    /**
     * Wraps packed words (copied). Trailing bits beyond {@code bits} in each code must be zero.
     */
    public static BinaryCodes fromWords(int size, int bits, long[] words) {
        checkBits(bits);
        if (size < 0) {
            throw new HashingException("number of codes must be >= 0, got " + size);
        }
        int wpc = wordsFor(bits);
        if ((long) size * wpc != words.length) {
            throw new HashingException("expected " + (long) size * wpc + " words for " + size + " codes of "
                    + bits + " bits, got " + words.length);
        }
        long tailMask = tailMask(bits);
        for (int i = 0; i < size; i++) {
            if ((words[i * wpc + wpc - 1] & ~tailMask) != 0) {
                throw new HashingException("code " + i + " has bits set beyond bit length " + bits);
            }
        }
        return new BinaryCodes(size, bits, words.clone());
    }

    /** Mask of the valid bits in the last word of a code. */
    static long tailMask(int bits) {
        int rem = bits & 63;
        return rem == 0 ? -1L : -1L << (64 - rem);
    }

    /** Codes from real values thresholded at zero: {@code value >= 0} gives bit 1 (covers ±1 codes). */
    public static BinaryCodes fromSigned(float[][] values) {
        return fromRows(values.length, rowLength(values.length == 0 ? null : values[0]), (i, j) -> {
            checkFinite(values[i][j], i, j);
            return values[i][j] >= 0f;
        }, values);
    }

    /** Codes from real values thresholded at zero: {@code value >= 0} gives bit 1 (covers ±1 codes). */
    public static BinaryCodes fromSigned(double[][] values) {
        return fromRows(values.length, rowLength(values.length == 0 ? null : values[0]), (i, j) -> {
            checkFinite(values[i][j], i, j);
            return values[i][j] >= 0d;
        }, values);
    }

    /** Codes from a 0/1 matrix; any other value is an error. */
    public static BinaryCodes fromZeroOne(int[][] values) {
        return fromRows(values.length, values.length == 0 ? 0 : values[0].length, (i, j) -> {
            int v = values[i][j];
            if (v != 0 && v != 1) {
                throw new HashingException("0/1 code matrix has value " + v + " at row " + i + ", column " + j);
            }
            return v == 1;
        }, values);
    }

    /** Codes from a 0/1 matrix; any other value is an error. */
    public static BinaryCodes fromZeroOne(float[][] values) {
        return fromRows(values.length, rowLength(values.length == 0 ? null : values[0]), (i, j) -> {
            float v = values[i][j];
            if (v != 0f && v != 1f) {
                throw new HashingException("0/1 code matrix has value " + v + " at row " + i + ", column " + j);
            }
            return v == 1f;
        }, values);
    }

    /** Codes from a boolean matrix. */
    public static BinaryCodes fromBooleans(boolean[][] values) {
        return fromRows(values.length, values.length == 0 ? 0 : values[0].length, (i, j) -> values[i][j], values);
    }

    /**
     * Codes from a row-major n × bits float buffer thresholded at zero (value ≥ 0 gives bit 1), the
     * layout of a flattened ND4J/Java matrix.
     */
    public static BinaryCodes fromSigned(float[] rowMajor, int size, int bits) {
        checkBits(bits);
        if ((long) size * bits != rowMajor.length) {
            throw new HashingException("expected " + (long) size * bits + " values for " + size + " x " + bits
                    + ", got " + rowMajor.length);
        }
        int wpc = wordsFor(bits);
        long[] words = new long[size * wpc];
        for (int i = 0; i < size; i++) {
            int base = i * bits;
            for (int j = 0; j < bits; j++) {
                float v = rowMajor[base + j];
                checkFinite(v, i, j);
                if (v >= 0f) {
                    words[i * wpc + (j >>> 6)] |= 1L << (63 - (j & 63));
                }
            }
        }
        return new BinaryCodes(size, bits, words);
    }

    /**
     * Codes from an ND4J matrix (n × bits). {@code zeroOne} selects 0/1 input (1 = bit set, anything
     * else an error); otherwise values are thresholded at zero, which covers ±1 and real outputs.
     * Needs ND4J on the class path.
     */
    public static BinaryCodes fromINDArray(org.nd4j.linalg.api.ndarray.INDArray matrix, boolean zeroOne) {
        if (matrix.rank() != 2) {
            throw new HashingException("code matrix must be 2-D (n x bits), got shape "
                    + Arrays.toString(matrix.shape()));
        }
        int n = (int) matrix.rows();
        int bits = (int) matrix.columns();
        float[] flat = matrix.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
        if (zeroOne) {
            for (int k = 0; k < flat.length; k++) {
                float v = flat[k];
                if (v != 0f && v != 1f) {
                    throw new HashingException("0/1 code matrix has value " + v + " at row " + (k / bits)
                            + ", column " + (k % bits));
                }
                flat[k] = v - 0.5f;
            }
        }
        return fromSigned(flat, n, bits);
    }

    private interface BitSource {
        boolean bit(int row, int col);
    }

    private static int rowLength(Object row) {
        if (row == null) {
            return 0;
        }
        return row instanceof float[] ? ((float[]) row).length : ((double[]) row).length;
    }

    private static BinaryCodes fromRows(int n, int bits, BitSource source, Object[] rows) {
        if (n == 0) {
            throw new HashingException("cannot infer the bit length of an empty code matrix; use fromWords");
        }
        checkBits(bits);
        int wpc = wordsFor(bits);
        long[] words = new long[n * wpc];
        for (int i = 0; i < n; i++) {
            int len = java.lang.reflect.Array.getLength(rows[i]);
            if (len != bits) {
                throw new HashingException("code matrix row " + i + " has " + len + " values, expected " + bits);
            }
            for (int j = 0; j < bits; j++) {
                if (source.bit(i, j)) {
                    words[i * wpc + (j >>> 6)] |= 1L << (63 - (j & 63));
                }
            }
        }
        return new BinaryCodes(n, bits, words);
    }

    private static void checkFinite(double v, int i, int j) {
        if (!Double.isFinite(v)) {
            throw new HashingException("code matrix has non-finite value " + v + " at row " + i + ", column " + j);
        }
    }

    /** Number of codes (rows). */
    public int size() {
        return size;
    }

    /** Bits per code. */
    public int bits() {
        return bits;
    }

    /** Number of {@code long} words per code. */
    public int wordsPerCode() {
        return wordsPerCode;
    }

    /** Bit {@code j} of code {@code i}. */
    public boolean get(int i, int j) {
        checkIndex(i);
        if (j < 0 || j >= bits) {
            throw new IndexOutOfBoundsException("bit " + j + " of a " + bits + "-bit code");
        }
        return (words[i * wordsPerCode + (j >>> 6)] & (1L << (63 - (j & 63)))) != 0;
    }

    /** Word {@code w} of code {@code i}. */
    public long word(int i, int w) {
        return words[i * wordsPerCode + w];
    }

    /** A copy of the packed words of code {@code i}. */
    public long[] row(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(words, i * wordsPerCode, (i + 1) * wordsPerCode);
    }

    /** A copy of all packed words (n × wordsPerCode, row-major). */
    public long[] toWords() {
        return words.clone();
    }

    /**
     * The internal word array, shared for speed by Hamming kernels in this package. Never modified
     * here; callers outside must not modify it either.
     */
    long[] wordsShared() {
        return words;
    }

    /** Code {@code i} as ±1 values. */
    public float[] signs(int i) {
        checkIndex(i);
        float[] out = new float[bits];
        for (int j = 0; j < bits; j++) {
            out[j] = get(i, j) ? 1f : -1f;
        }
        return out;
    }

    /** All codes as an n × bits matrix of ±1 values. */
    public float[][] toSigns() {
        float[][] out = new float[size][];
        for (int i = 0; i < size; i++) {
            out[i] = signs(i);
        }
        return out;
    }

    /** The codes at the given rows, in that order. */
    public BinaryCodes select(int[] rows) {
        long[] out = new long[rows.length * wordsPerCode];
        for (int r = 0; r < rows.length; r++) {
            checkIndex(rows[r]);
            System.arraycopy(words, rows[r] * wordsPerCode, out, r * wordsPerCode, wordsPerCode);
        }
        return new BinaryCodes(rows.length, bits, out);
    }

    /** These codes followed by {@code other}'s (same bit length). */
    public BinaryCodes concat(BinaryCodes other) {
        if (other.bits != bits) {
            throw new HashingException("cannot join " + bits + "-bit codes with " + other.bits + "-bit codes");
        }
        long[] out = Arrays.copyOf(words, words.length + other.words.length);
        System.arraycopy(other.words, 0, out, words.length, other.words.length);
        return new BinaryCodes(size + other.size, bits, out);
    }

    /**
     * Per-bit balance: the mean of each bit over all codes viewed as ±1 values. 0 is a perfectly
     * balanced bit, ±1 a bit that never changes.
     */
    public double[] bitBalance() {
        long[] ones = new long[bits];
        for (int i = 0; i < size; i++) {
            int base = i * wordsPerCode;
            for (int w = 0; w < wordsPerCode; w++) {
                long word = words[base + w];
                while (word != 0) {
                    int pos = Long.numberOfLeadingZeros(word);
                    ones[(w << 6) + pos]++;
                    word &= ~(Long.MIN_VALUE >>> pos);
                }
            }
        }
        double[] balance = new double[bits];
        for (int j = 0; j < bits; j++) {
            balance[j] = size == 0 ? 0 : (2.0 * ones[j] - size) / size;
        }
        return balance;
    }

    /** Bytes per code in the packed-byte layout: ceil(bits / 8). */
    public int bytesPerCode() {
        return (bits + 7) >>> 3;
    }

    /**
     * The codes as bytes, {@link #bytesPerCode()} per code, most significant bit first within each byte
     * (numpy {@code packbits}, FAISS binary index layout).
     */
    public byte[] toPackedBytes() {
        int bpc = bytesPerCode();
        byte[] out = new byte[size * bpc];
        for (int i = 0; i < size; i++) {
            int base = i * wordsPerCode;
            for (int b = 0; b < bpc; b++) {
                long word = words[base + (b >>> 3)];
                out[i * bpc + b] = (byte) (word >>> (56 - ((b & 7) << 3)));
            }
        }
        return out;
    }

    /**
     * Codes from the packed-byte layout of {@link #toPackedBytes()}. Padding bits past {@code bits}
     * in the last byte must be zero.
     */
    public static BinaryCodes fromPackedBytes(byte[] packed, int size, int bits) {
        checkBits(bits);
        int bpc = (bits + 7) >>> 3;
        if ((long) size * bpc != packed.length) {
            throw new HashingException("expected " + (long) size * bpc + " bytes for " + size + " codes of " + bits
                    + " bits, got " + packed.length);
        }
        int wpc = wordsFor(bits);
        long[] words = new long[size * wpc];
        int padding = bpc * 8 - bits;
        int padMask = (1 << padding) - 1;
        for (int i = 0; i < size; i++) {
            if (padding > 0 && (packed[i * bpc + bpc - 1] & padMask) != 0) {
                throw new HashingException("code " + i + " has padding bits set beyond bit length " + bits);
            }
            for (int b = 0; b < bpc; b++) {
                long v = packed[i * bpc + b] & 0xFFL;
                words[i * wpc + (b >>> 3)] |= v << (56 - ((b & 7) << 3));
            }
        }
        return new BinaryCodes(size, bits, words);
    }

    /** Code {@code i} as a string of '0' and '1', bit 0 first. */
    public String toBitString(int i) {
        StringBuilder sb = new StringBuilder(bits);
        for (int j = 0; j < bits; j++) {
            sb.append(get(i, j) ? '1' : '0');
        }
        return sb.toString();
    }

    /** Codes from strings of '0'/'1', bit 0 first (all the same length). */
    public static BinaryCodes fromBitStrings(String... codes) {
        if (codes.length == 0) {
            throw new HashingException("no codes given");
        }
        int[][] m = new int[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            String s = codes[i];
            m[i] = new int[s.length()];
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c != '0' && c != '1') {
                    throw new HashingException("code string " + i + " has character '" + c + "' at " + j);
                }
                m[i][j] = c - '0';
            }
        }
        return fromZeroOne(m);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("code " + i + " of " + size);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BinaryCodes)) {
            return false;
        }
        BinaryCodes other = (BinaryCodes) o;
        return size == other.size && bits == other.bits && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + bits) + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "BinaryCodes[" + size + " x " + bits + " bits]";
    }
}
