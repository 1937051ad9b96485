package org.hashing4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;

class CodeStatisticsTest {

    @Test
    void smallExampleByHand() {
        // Bits as ±1: b0 = (+,+,-,-), b1 = (+,+,-,-), b2 = (+,-,+,-), b3 = (+,+,+,+).
        BinaryCodes c = BinaryCodes.fromBitStrings("1111", "1101", "0011", "0001");
        CodeStatistics s = CodeStatistics.of(c);
        assertArrayEquals(new double[] {0, 0, 0, 1}, s.bitBalance(), 1e-15);
        assertEquals(0.25, s.meanAbsBalance(), 1e-15);
        double[][] corr = s.correlation();
        assertEquals(1.0, corr[0][1], 1e-15, "identical bits");
        assertEquals(0.0, corr[0][2], 1e-15, "independent bits");
        assertEquals(0.0, corr[0][3], 1e-15, "constant bit has no correlation");
        assertEquals(1.0, corr[3][3], 1e-15);
        // Off-diagonal |corr|: pair (0,1) twice = 2 of 12 entries.
        assertEquals(2.0 / 12, s.meanAbsCorrelation(), 1e-15);
        assertEquals(2.0, s.entropyBits(), 1e-15, "four distinct codes, equally often");
        assertEquals(4, s.distinctCodes());
        assertEquals(2.0, s.maxEntropyBits(), 1e-15);
    }

    @Test
    void anticorrelatedBitsAndRepeatedCodes() {
        BinaryCodes c = BinaryCodes.fromBitStrings("10", "10", "10", "01");
        CodeStatistics s = CodeStatistics.of(c);
        assertEquals(-1.0, s.correlation()[0][1], 1e-12);
        assertEquals(2, s.distinctCodes());
        double expected = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
        assertEquals(expected, s.entropyBits(), 1e-12);
    }

    @Test
    void correlationMatchesThePearsonFormulaOnRandomCodes() {
        Random r = new Random(4);
        int n = 300;
        int bits = 70;
        boolean[][] m = new boolean[n][bits];
        for (boolean[] row : m) {
            for (int j = 0; j < bits; j++) {
                // Bit j copies bit j-1 with probability 0.7: correlated neighbours.
                row[j] = j > 0 && r.nextDouble() < 0.7 ? row[j - 1] : r.nextBoolean();
            }
        }
        CodeStatistics s = CodeStatistics.of(BinaryCodes.fromBooleans(m));
        double[][] corr = s.correlation();
        double sumAbs = 0;
        for (int a = 0; a < bits; a++) {
            for (int b = 0; b < bits; b++) {
                double expected = pearson(m, a, b);
                assertEquals(expected, corr[a][b], 1e-9, a + "," + b);
                if (a != b) {
                    sumAbs += Math.abs(expected);
                }
            }
        }
        assertEquals(sumAbs / (bits * (bits - 1.0)), s.meanAbsCorrelation(), 1e-9);
        assertTrue(corr[5][6] > 0.4, "neighbouring bits are correlated");
        assertEquals(n, s.distinctCodes());
        assertEquals(Math.log(n) / Math.log(2), s.entropyBits(), 1e-9);
        assertEquals(bits, ((java.util.List<?>) s.toMap(true).get("correlation")).size());
    }

    private static double pearson(boolean[][] m, int a, int b) {
        int n = m.length;
        double ma = 0;
        double mb = 0;
        for (boolean[] row : m) {
            ma += row[a] ? 1 : -1;
            mb += row[b] ? 1 : -1;
        }
        ma /= n;
        mb /= n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (boolean[] row : m) {
            double x = (row[a] ? 1 : -1) - ma;
            double y = (row[b] ? 1 : -1) - mb;
            cov += x * y;
            va += x * x;
            vb += y * y;
        }
        return cov / Math.sqrt(va * vb);
    }

    @Test
    void emptyCodesAreAnError() {
        assertThrows(HashingException.class, () -> CodeStatistics.of(BinaryCodes.fromWords(0, 8, new long[0])));
    }

    @Test
    void singleBitCodes() {
        CodeStatistics s = CodeStatistics.of(BinaryCodes.fromBitStrings("1", "0", "0"));
        assertEquals(0.0, s.meanAbsCorrelation());
        assertEquals(1.0 / 3, s.meanAbsBalance(), 1e-15);
        assertEquals(1.0, s.maxEntropyBits(), 1e-15);
    }
}
