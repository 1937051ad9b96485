package org.hashing4j.models.methods;

/** Plain-Java pieces of the pairwise losses' formulas, for the methods' tests. */
public final class PairFormulas {
    private PairFormulas() {
    }

    /** s_ij = 1 when label rows share a label. */
    public static double[][] similarity(double[][] yA, double[][] yB) {
        double[][] s = new double[yA.length][yB.length];
        for (int i = 0; i < yA.length; i++) {
            for (int j = 0; j < yB.length; j++) {
                double d = 0;
                for (int c = 0; c < yA[i].length; c++) {
                    d += yA[i][c] * yB[j][c];
                }
                s[i][j] = d > 0 ? 1 : 0;
            }
        }
        return s;
    }

    /** mean over similar pairs of ℓ + mean over dissimilar pairs of ℓ (empty sets drop out). */
    public static double balancedMean(double[][] l, double[][] s) {
        double s1 = 0;
        double n1 = 0;
        double s0 = 0;
        double n0 = 0;
        for (int i = 0; i < l.length; i++) {
            for (int j = 0; j < l[i].length; j++) {
                if (s[i][j] > 0) {
                    s1 += l[i][j];
                    n1++;
                } else {
                    s0 += l[i][j];
                    n0++;
                }
            }
        }
        return (n1 > 0 ? s1 / n1 : 0) + (n0 > 0 ? s0 / n0 : 0);
    }

    /** mean over all entries of (u − sign u)². */
    public static double quantization(double[][] u) {
        double q = 0;
        for (double[] r : u) {
            for (double v : r) {
                q += (v - Math.signum(v)) * (v - Math.signum(v));
            }
        }
        return q / (u.length * u[0].length);
    }
}
