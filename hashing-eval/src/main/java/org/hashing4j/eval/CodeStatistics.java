package org.hashing4j.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;

/**
 * Properties of a code set that the BDNN paper constrains directly, viewing codes as ±1 vectors:
 * <ul>
 *   <li>per-bit balance: the mean of each bit (0 = half the codes have +1; the balance term
 *       ‖H·1‖² pushes towards 0), and the mean |balance| over bits;</li>
 *   <li>the bit correlation matrix (Pearson correlation between bits; the independence term
 *       ‖(1/m)·H·Hᵀ − I‖² pushes the off-diagonal towards 0) and the mean |off-diagonal|
 *       correlation;</li>
 *   <li>the code entropy in bits, from the empirical distribution of distinct codes (at most
 *       min(bits, log2 n)), and the number of distinct codes.</li>
 * </ul>
 * A bit that never changes has zero variance and so no defined correlation; it is given
 * correlation 0 with every other bit (1 with itself).
 */
public final class CodeStatistics {
    private final int size;
    private final int bits;
    private final double[] balance;
    private final double meanAbsBalance;
    private final double[][] correlation;
    private final double meanAbsCorrelation;
    private final double entropyBits;
    private final int distinctCodes;

    private CodeStatistics(int size, int bits, double[] balance, double[][] correlation, double entropyBits,
            int distinctCodes) {
        this.size = size;
        this.bits = bits;
        this.balance = balance;
        this.correlation = correlation;
        double b = 0;
        for (double v : balance) {
            b += Math.abs(v);
        }
        this.meanAbsBalance = b / bits;
        double c = 0;
        for (int i = 0; i < bits; i++) {
            for (int j = 0; j < bits; j++) {
                if (i != j) {
                    c += Math.abs(correlation[i][j]);
                }
            }
        }
        this.meanAbsCorrelation = bits < 2 ? 0.0 : c / ((double) bits * (bits - 1));
        this.entropyBits = entropyBits;
        this.distinctCodes = distinctCodes;
    }

    /** Statistics of a non-empty code set. */
    public static CodeStatistics of(BinaryCodes codes) {
        int n = codes.size();
        int bits = codes.bits();
        if (n == 0) {
            throw new HashingException("cannot compute statistics of an empty code set");
        }
        double[] balance = codes.bitBalance();
        // Bit columns as bitsets over the codes: co-occurrence counts are then popcounts of ANDs.
        int colWords = (n + 63) >>> 6;
        long[][] columns = new long[bits][colWords];
        int[] ones = new int[bits];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < bits; j++) {
                if (codes.get(i, j)) {
                    columns[j][i >>> 6] |= 1L << (i & 63);
                    ones[j]++;
                }
            }
        }
        double[][] corr = new double[bits][bits];
        for (int a = 0; a < bits; a++) {
            corr[a][a] = 1.0;
            for (int b = a + 1; b < bits; b++) {
                long both = 0;
                long[] ca = columns[a];
                long[] cb = columns[b];
                for (int w = 0; w < colWords; w++) {
                    both += Long.bitCount(ca[w] & cb[w]);
                }
                double r = pearson(n, ones[a], ones[b], both);
                corr[a][b] = r;
                corr[b][a] = r;
            }
        }
        Map<Key, Integer> histogram = histogram(codes);
        return new CodeStatistics(n, bits, balance, corr, entropy(histogram, n), histogram.size());
    }

    /**
     * Pearson correlation of two ±1 bits from counts: with x = 2·bit − 1, E[x] = (2·ones − n)/n and
     * E[xy] = (n − 2·(onesA + onesB − 2·both))/n, since xy = −1 exactly where the bits differ.
     */
    private static double pearson(int n, int onesA, int onesB, long both) {
        double ma = (2.0 * onesA - n) / n;
        double mb = (2.0 * onesB - n) / n;
        double exy = (n - 2.0 * (onesA + onesB - 2.0 * both)) / n;
        double va = 1 - ma * ma;
        double vb = 1 - mb * mb;
        if (va <= 0 || vb <= 0) {
            return 0.0;
        }
        return (exy - ma * mb) / Math.sqrt(va * vb);
    }

    private static Map<Key, Integer> histogram(BinaryCodes codes) {
        Map<Key, Integer> counts = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            counts.merge(new Key(codes.row(i)), 1, Integer::sum);
        }
        return counts;
    }

    private static double entropy(Map<Key, Integer> histogram, int n) {
        double h = 0;
        for (int c : histogram.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }

    /** A code's words as a hash key. */
    private static final class Key {
        private final long[] words;
        private final int hash;

        Key(long[] words) {
            this.words = words;
            this.hash = Arrays.hashCode(words);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(words, ((Key) o).words);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Number of codes. */
    public int size() {
        return size;
    }

    /** Code length. */
    public int bits() {
        return bits;
    }

    /** Mean of each bit as ±1 over all codes (0 = balanced). */
    public double[] bitBalance() {
        return balance.clone();
    }

    /** Mean |balance| over bits (0 = every bit balanced). */
    public double meanAbsBalance() {
        return meanAbsBalance;
    }

    /** bits × bits Pearson correlation between bits (diagonal 1). */
    public double[][] correlation() {
        double[][] c = new double[bits][];
        for (int i = 0; i < bits; i++) {
            c[i] = correlation[i].clone();
        }
        return c;
    }

    /** Mean |correlation| over the off-diagonal entries (0 for a single bit). */
    public double meanAbsCorrelation() {
        return meanAbsCorrelation;
    }

    /** Entropy of the empirical distribution of codes, in bits. */
    public double entropyBits() {
        return entropyBits;
    }

    /** The largest entropy these codes could have: min(bits, log2(size)). */
    public double maxEntropyBits() {
        return Math.min(bits, Math.log(size) / Math.log(2));
    }

    /** Number of distinct codes. */
    public int distinctCodes() {
        return distinctCodes;
    }

    /**
     * The statistics for JSON: {@code codes}, {@code bits}, {@code bit_balance}, {@code mean_abs_balance},
     * {@code mean_abs_correlation}, {@code entropy_bits}, {@code max_entropy_bits},
     * {@code distinct_codes}, and {@code correlation} (row lists) when {@code withMatrix}.
     */
    public Map<String, Object> toMap(boolean withMatrix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codes", size);
        m.put("bits", bits);
        m.put("mean_abs_balance", meanAbsBalance);
        m.put("mean_abs_correlation", meanAbsCorrelation);
        m.put("entropy_bits", entropyBits);
        m.put("max_entropy_bits", maxEntropyBits());
        m.put("distinct_codes", distinctCodes);
        m.put("bit_balance", toList(balance));
        if (withMatrix) {
            List<Object> rows = new ArrayList<>();
            for (double[] row : correlation) {
                rows.add(toList(row));
            }
            m.put("correlation", rows);
        }
        return m;
    }

    private static List<Double> toList(double[] v) {
        List<Double> l = new ArrayList<>(v.length);
        for (double x : v) {
            l.add(x);
        }
        return l;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "CodeStatistics[%d codes x %d bits, mean|balance|=%.4f, mean|corr|=%.4f, entropy=%.3f bits, distinct=%d]",
                size, bits, meanAbsBalance, meanAbsCorrelation, entropyBits, distinctCodes);
    }
}
