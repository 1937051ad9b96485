package org.hashing4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BinaryCodesTest {

    /** Bit lengths around word and byte boundaries. */
    private static boolean[][] randomBits(int n, int bits, long seed) {
        Random r = new Random(seed);
        boolean[][] m = new boolean[n][bits];
        for (boolean[] row : m) {
            for (int j = 0; j < bits; j++) {
                row[j] = r.nextBoolean();
            }
        }
        return m;
    }

    private static void assertSameBits(boolean[][] expected, BinaryCodes codes) {
        assertEquals(expected.length, codes.size());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], codes.get(i, j), "code " + i + " bit " + j);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 63, 64, 65, 127, 128, 130})
    void everyFactoryAgreesWithTheBooleanMatrix(int bits) {
        int n = 9;
        boolean[][] b = randomBits(n, bits, 1000 + bits);
        float[][] signedF = new float[n][bits];
        double[][] signedD = new double[n][bits];
        int[][] zeroOneI = new int[n][bits];
        float[][] zeroOneF = new float[n][bits];
        float[] rowMajor = new float[n * bits];
        String[] strings = new String[n];
        Random r = new Random(bits);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < bits; j++) {
                // Real values: any non-negative value is bit 1, including exact zero.
                float mag = r.nextInt(4) == 0 ? 0f : r.nextFloat() * 3 + 0.01f;
                float v = b[i][j] ? mag : -(mag == 0f ? 0.5f : mag);
                signedF[i][j] = v;
                signedD[i][j] = v;
                rowMajor[i * bits + j] = v;
                zeroOneI[i][j] = b[i][j] ? 1 : 0;
                zeroOneF[i][j] = b[i][j] ? 1f : 0f;
                s.append(b[i][j] ? '1' : '0');
            }
            strings[i] = s.toString();
        }
        BinaryCodes reference = BinaryCodes.fromBooleans(b);
        assertSameBits(b, reference);
        assertEquals(bits, reference.bits());
        assertEquals(BinaryCodes.wordsFor(bits), reference.wordsPerCode());
        assertEquals(reference, BinaryCodes.fromSigned(signedF));
        assertEquals(reference, BinaryCodes.fromSigned(signedD));
        assertEquals(reference, BinaryCodes.fromSigned(rowMajor, n, bits));
        assertEquals(reference, BinaryCodes.fromZeroOne(zeroOneI));
        assertEquals(reference, BinaryCodes.fromZeroOne(zeroOneF));
        assertEquals(reference, BinaryCodes.fromBitStrings(strings));
        assertEquals(reference, BinaryCodes.fromWords(n, bits, reference.toWords()));
        assertEquals(reference, BinaryCodes.fromPackedBytes(reference.toPackedBytes(), n, bits));
        assertEquals(reference, BinaryCodes.fromINDArray(Nd4j.create(signedF), false));
        assertEquals(reference, BinaryCodes.fromINDArray(Nd4j.create(zeroOneF), true));
        for (int i = 0; i < n; i++) {
            assertEquals(strings[i], reference.toBitString(i));
        }
        assertEquals(reference.hashCode(), BinaryCodes.fromBitStrings(strings).hashCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 63, 64, 65, 130})
    void unusedTrailingBitsStayZero(int bits) {
        BinaryCodes all = BinaryCodes.fromBooleans(allOnes(3, bits));
        int wpc = all.wordsPerCode();
        for (int i = 0; i < 3; i++) {
            long last = all.word(i, wpc - 1);
            int used = bits - 64 * (wpc - 1);
            assertEquals(used, Long.bitCount(last), "only the used bits of the last word are set");
            assertEquals(used == 64 ? -1L : -1L << (64 - used), last, "bits are packed from the top");
        }
    }

    private static boolean[][] allOnes(int n, int bits) {
        boolean[][] m = new boolean[n][bits];
        for (boolean[] row : m) {
            java.util.Arrays.fill(row, true);
        }
        return m;
    }

    @Test
    void wordLayoutIsMostSignificantBitFirst() {
        BinaryCodes c = BinaryCodes.fromBitStrings("1" + "0".repeat(63) + "01");
        assertEquals(Long.MIN_VALUE, c.word(0, 0));
        assertEquals(1L << 62, c.word(0, 1));
        assertArrayEquals(new long[] {Long.MIN_VALUE, 1L << 62}, c.row(0));
    }

    @Test
    void packedBytesMatchNumpyPackbits() {
        // Expected bytes from np.packbits(bits, axis=1), see src/test/resources/npy/README.md.
        BinaryCodes c = BinaryCodes.fromBitStrings("10110010111", "01000000001", "11111111111");
        assertEquals(2, c.bytesPerCode());
        assertArrayEquals(new byte[] {(byte) 178, (byte) 224, 64, 32, (byte) 255, (byte) 224}, c.toPackedBytes());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 63, 64, 65, 130})
    void packedBytesAgreeWithABitByBitPacking(int bits) {
        boolean[][] b = randomBits(5, bits, 77 + bits);
        BinaryCodes c = BinaryCodes.fromBooleans(b);
        int bpc = (bits + 7) / 8;
        byte[] expected = new byte[5 * bpc];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < bits; j++) {
                if (b[i][j]) {
                    expected[i * bpc + j / 8] |= (byte) (0x80 >>> (j % 8));
                }
            }
        }
        assertArrayEquals(expected, c.toPackedBytes());
        assertEquals(c, BinaryCodes.fromPackedBytes(expected, 5, bits));
    }

    @Test
    void bitBalanceIsTheMeanOfPlusMinusOne() {
        BinaryCodes c = BinaryCodes.fromBitStrings("110", "100", "101", "100");
        assertArrayEquals(new double[] {1.0, -0.5, -0.5}, c.bitBalance(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 65, 130})
    void bitBalanceMatchesSigns(int bits) {
        BinaryCodes c = BinaryCodes.fromBooleans(randomBits(50, bits, bits));
        float[][] s = c.toSigns();
        double[] balance = c.bitBalance();
        for (int j = 0; j < bits; j++) {
            double sum = 0;
            for (float[] row : s) {
                sum += row[j];
            }
            assertEquals(sum / 50, balance[j], 1e-12);
        }
    }

    @Test
    void selectAndConcat() {
        BinaryCodes c = BinaryCodes.fromBitStrings("0001", "0010", "0100", "1000");
        BinaryCodes s = c.select(new int[] {3, 1, 1});
        assertEquals(BinaryCodes.fromBitStrings("1000", "0010", "0010"), s);
        assertEquals(BinaryCodes.fromBitStrings("0001", "0010", "0100", "1000", "1000", "0010", "0010"), c.concat(s));
        assertThrows(HashingException.class, () -> c.concat(BinaryCodes.fromBitStrings("000")));
        assertThrows(IndexOutOfBoundsException.class, () -> c.select(new int[] {4}));
    }

    @Test
    void signsAreOneForSetBits() {
        BinaryCodes c = BinaryCodes.fromBitStrings("101");
        assertArrayEquals(new float[] {1f, -1f, 1f}, c.signs(0));
    }

    @Test
    void equalityLooksAtBitsAndShape() {
        BinaryCodes a = BinaryCodes.fromBitStrings("1010");
        assertEquals(a, BinaryCodes.fromBitStrings("1010"));
        assertNotEquals(a, BinaryCodes.fromBitStrings("1011"));
        assertNotEquals(a, BinaryCodes.fromBitStrings("10100"));
        assertFalse(a.equals("1010"));
        assertTrue(a.toString().contains("4 bits"));
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        HashingException e = assertThrows(HashingException.class,
                () -> BinaryCodes.fromZeroOne(new int[][] {{0, 1}, {2, 0}}));
        assertTrue(e.getMessage().contains("row 1, column 0"), e.getMessage());
        assertThrows(HashingException.class, () -> BinaryCodes.fromZeroOne(new float[][] {{0.5f}}));
        e = assertThrows(HashingException.class, () -> BinaryCodes.fromSigned(new float[][] {{1f, Float.NaN}}));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertThrows(HashingException.class, () -> BinaryCodes.fromSigned(new double[][] {{Double.POSITIVE_INFINITY}}));
        e = assertThrows(HashingException.class, () -> BinaryCodes.fromBooleans(new boolean[][] {{true, false}, {true}}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(HashingException.class, () -> BinaryCodes.fromSigned(new float[0][]));
        assertThrows(HashingException.class, () -> BinaryCodes.fromBooleans(new boolean[][] {{}}));
        assertThrows(HashingException.class, () -> BinaryCodes.fromSigned(new float[5], 2, 3));
        assertThrows(HashingException.class, () -> BinaryCodes.fromWords(1, 0, new long[0]));
        assertThrows(HashingException.class, () -> BinaryCodes.fromWords(2, 64, new long[1]));
        e = assertThrows(HashingException.class, () -> BinaryCodes.fromWords(1, 3, new long[] {1L}));
        assertTrue(e.getMessage().contains("beyond bit length"), e.getMessage());
        assertThrows(HashingException.class, () -> BinaryCodes.fromPackedBytes(new byte[] {1}, 1, 7));
        assertThrows(HashingException.class, () -> BinaryCodes.fromPackedBytes(new byte[3], 1, 9));
        assertThrows(HashingException.class, () -> BinaryCodes.fromBitStrings("01", "0x"));
        assertThrows(HashingException.class, () -> BinaryCodes.fromBitStrings("01", "011"));
        assertThrows(HashingException.class, BinaryCodes::fromBitStrings);
        assertThrows(HashingException.class, () -> BinaryCodes.fromINDArray(Nd4j.create(new float[] {1, 2, 3}), false));
        assertThrows(HashingException.class,
                () -> BinaryCodes.fromINDArray(Nd4j.create(new float[][] {{1, 0.5f}}), true));
        BinaryCodes c = BinaryCodes.fromBitStrings("01");
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(1, 0));
    }

    @Test
    void emptyCodeSetsFromWords() {
        BinaryCodes empty = BinaryCodes.fromWords(0, 16, new long[0]);
        assertEquals(0, empty.size());
        assertEquals(0, empty.toPackedBytes().length);
        assertArrayEquals(new double[16], empty.bitBalance());
    }
}
